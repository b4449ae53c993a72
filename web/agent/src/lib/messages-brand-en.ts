/** The admin console's brand screen, in English. */
export const brandEn = {
  'admin.tab.brand': 'Brand',
  'brand.intro':
    'What customers see of the brand on the help center, contact, ticket, chat and verify pages. Colours need 4.5:1 contrast with the text put on them.',
  'brand.name': 'Name (English)',
  'brand.nameZh': 'Name (Chinese)',
  'brand.primary': 'Primary colour (light pages, white text)',
  'brand.accent': 'Accent colour (dark pages, dark text)',
  'brand.sample': 'Contact us',
  'brand.contrastOk': 'Contrast {ratio}:1, readable',
  'brand.contrastLow': 'Contrast {ratio}:1, too low (4.5:1 needed)',
  'brand.builtIn': 'Use the built-in colour',
  'brand.verifyIntro': 'Verify page: the words above the check',
  'brand.verifyIntroHint':
    'Plain text (line breaks kept, no HTML). Left empty, the page says what it does in its own words.',
  'brand.open': 'Open the verify page',
  'brand.saved': 'Saved: the customer pages show it within a minute.',
  'admin.tab.bot': 'Chat bot',
  'bot.intro':
    'The bot answers a chat first, from the help center, until the customer asks for a person or it hands over.',
  'bot.greeting': 'Greeting',
  'bot.greetingHint':
    'The first message of every chat. Left empty, the built-in greeting (it says it is a bot).',
  'bot.handoffWords': 'Words that fetch a person (one per line)',
  'bot.handoffWordsHint': 'On top of the built-in ones (转人工, 人工, human, agent …), which always work.',
  'bot.cards': 'Help articles per answer',
  'bot.handoffAfter': 'Hand over after this many answers',
  'bot.handoffAfterHint': '0: only when the customer asks.',
  'bot.handoffWhenNothingFound': 'Hand over at once when the help center has no answer',
  'bot.saved': 'Saved: new chats use it now.',
  'enrolRequired.title': 'Set up two-factor sign-in first',
  'enrolRequired.why':
    'Your admins require two-factor sign-in for your role. Set it up with an authenticator app; the desk opens once it is on.',
  'enrolRequired.continue': 'Continue to the desk',
  'enrolRequired.signOut': 'Sign out',
  'admin.tab.twoFactor': 'Two-factor rule',
  'twoFactorRule.intro':
    'Roles ticked here must sign in with two-factor. Anyone of them without it is sent to set it up at their next request and cannot use the desk until they have.',
  'twoFactorRule.everyone': 'Everyone',
  'twoFactorRule.role.admin': 'Admins',
  'twoFactorRule.role.supervisor': 'Supervisors',
  'twoFactorRule.role.agent': 'Agents',
  'twoFactorRule.without': 'Without two-factor now: {names}',
  'twoFactorRule.allSet': 'Everyone under the rule has two-factor on.',
  'twoFactorRule.saved': 'Saved.',
};
