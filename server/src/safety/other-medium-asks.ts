import { IN_OWN_PLACE, NEGATION, TYPED_IN, WE_SEND } from './ask-cues.ts';
import { clauses, normalise, SECRET_IN, sentences } from './ask-text.ts';
import type { Finding } from './findings.ts';

/**
 * A secret asked for through another medium than this chat (round 13), read on the simplified text
 * with reported quotes blanked:
 *
 * - **A shared screen.** "Let's do a screen share on Zoom. Once connected, open Settings > Reveal
 *   Recovery Phrase so I can check it", "咱开个腾讯会议共享屏幕，连上以后你点设置-安全-显示助记词": the
 *   agent sees what the customer shows. The screen share and the secret shown may be in different
 *   sentences of the reply.
 * - **A form.** "Fill in this Google form with your UID, email and the 2FA code": a form is not where
 *   a code is used, so a secret typed into it is handed over. (A page of the app is where it is
 *   used; "enter the code on the withdrawal page" is procedure, not an ask.)
 * - **A phone line.** "Text the 6-digit code to our support line +1 555 …", "打去热线，同接线员讲埋个
 *   短讯码": told to a person, not typed into the app.
 * - **Carried or posted** (round 15): see CARRIED.
 *
 * Advice negates its own clause ("never show your phrase on a shared screen") as elsewhere.
 */
const SCREEN_SHARE =
  /\bscreen[-\s]?shar\w*|\bshare\s+(?:your\s+|the\s+)?(?:\w+\s+)?screen\b|共享[^，。？！]{0,4}屏幕|屏幕共享|腾讯会议|\bzoom\b|\bgoogle\s+meet\b|teamviewer|anydesk|向日葵|远程(?:协助|控制|桌面|操作)|\bremote\s+(?:desktop|access|control|session)\b/i;
/** Bringing the secret onto the screen. */
const REVEAL =
  /\b(?:reveal|display|open|view|tap|click|go\s+to|show\s+(?:me|us))\b|显示|打开|查看|(?<![一二两三四五六七八九十几\d])点(?:开|击)?|进入|备份助记词|导出/i;
/** Closing or hiding what shows a secret is the opposite ("开始前请关掉所有显示密码的页面"). */
const HIDE = /关掉|关闭|退出|隐藏|遮住|\b(?:close|hide|quit|cover)\b/i;
/** The agent proposes the share, not warns of it ("remove any screen-sharing apps"). */
const PROPOSES =
  /\b(?:could|can|would)\s+you\b|\bplease\b|请|麻烦|\blet(?:'s|\s+us)\b|\b(?:we|i)(?:'re|'ll|\s+are|\s+will|\s+can)?\s+(?:going\s+to\s+)?(?:start|open|set\s+up|do|begin|join)\b|\b(?:start|join|accept|install|download|connect)\b|^\s*share\s+(?:your\s+|the\s+)?screen\b|\bshare\s+(?:your\s+|the\s+)?screen\s*(?:with\s+(?:me|us)\b|给我|俾我|畀我)|^\s*can\s+(?:share|open|start|join)\b|\b(?:jump|hop|get)\s+on\s+(?:a\s+)?(?:quick\s+)?(?:call|zoom|video)\b|装一下|装个|装上|咱|我们开|开个|开一个|发起|下载|安装|连上|连接|接受|加入|(?:你|您)(?:先)?(?:开|打开)(?:一下)?\s*(?:腾讯会议|zoom|teams|屏幕共享|共享屏幕)|\b(?:open|start)\s+(?:a\s+)?zoom\b|(?:我|我们)(?:这边)?帮(?:你|您)(?:看|睇)/i;
const REMOVES = /\b(?:remov\w*|uninstall\w*|delet\w*|disabl\w*)\b|删除|卸载|删掉/i;
/** A form of someone else's, not the app's own ("the 'Change password' form under Account > Security"). */
const FORM =
  /\bgoogle\s+forms?\b|\bsecure\s+(?:web\s+)?form\b|\bform\s+(?:at\s+)?(?:https?:\/\/)?[\w-]+(?:\.[\w-]+)+\/|\b(?:this|that|our|the\s+following|an\s+online)\s+(?:online\s+|web\s+)?form\b|(?:这个|以下|下面的?|这份)(?:表单|问卷|表格)|问卷|\bsurvey\b|\bquestionnaire\b/i;
const APP_FORM =
  /\b(?:under|in)\s+(?:your\s+|the\s+)?(?:account|settings|security|app)\b|设置|安全中心|个人中心/i;
const FILL = /\b(?:fill|enter|type|submit|put|include|add)\b|填写|填入|填|输入|提交/i;
const PHONE_LINE =
  /热线|接线员|客服电话|电话客服|语音系统|语音电话|致电(?:您|你)|\bthanks?\s+(?:you\s+)?for\s+calling\b|\bhotline\b|\bivr\b|\b(?:automated|voice|phone)\s+(?:line|system)\b|\b(?:will|'ll|shall)\s+(?:call|ring|phone)\s+you\b|\bsupport\s+(?:line|number)\b|\bphone\s+line\b|\boperator\b|\+\d[\d\s-]{7,}\d|(?<![\d-])\d{3}-\d{4}(?![\d-])/i;
/** A phone's keypad, after a call named in an earlier sentence ("Our IVR line will call you. After the beep, key in …"). */
const KEYPAD =
  /\bafter\s+the\s+(?:beep|tone)\b|\b(?:keypad|dial\s*pad|hash\s+key|pound\s+key)\b|提示音|拨号键盘|拨号盘|按键/i;
/**
 * Carried or posted somewhere (round 15): handed to staff at a shop, sent by courier or post, mailed
 * to an address, typed into a livestream's comments or a mini-program the agent names ("把写着助记词
 * 的卡片快递到售后点", "将登入密码写落张纸拎去门市交俾职员", "email a scan of your recovery sheet to
 * restore@…", "在直播留言区输入验证码"). Not our side carrying ("我们会把新卡快递到您的地址，密码函另外寄出").
 */
const CARRIED =
  /(?<!(?:我们|我|本公司|平台|系统|公司|银行)(?:会|将|已经|已|这边|稍后|马上|会尽快)?)(?:把|将)[^。？！]{0,30}(?:交给|交俾|交畀|寄到|寄给|寄去|送到|送去|拎去|带到|带去|快递到|邮寄到)|(?:带到|带去|拎去|送到|交到)[^，。？！]{0,10}(?:门店|门市|柜台|营业厅|办公室|售后点)|(?:留言区|评论区|弹幕|小程序)[^。？！]{0,30}(?:输入|填写?|留言|打)|\b(?:email|e-mail|mail|post|courier|bring|take)\b[^.?!]{0,60}\b(?:to|at)\s+(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:our|the)\s+(?:\w+\s+)?(?:office|shop|store|branch|desk|counter))/i;
/**
 * A phone menu written out (round 27, train26a: six rows by one author, and the medium is the desk's):
 * "Menu: For card services, say your card PIN and then press 3", "Step four, say the PIN to the agent",
 * "Press 3, then key in only the last two digits of your card PIN". What the caller says or keys in
 * there goes to the desk's line. "press 4 to reset your PIN" keys in a choice, not the secret.
 */
const PHONE_MENU =
  /\bpress\s+(?:\d|the\s+(?:hash|pound|star))\b|\bfollowed\s+by\s+the\s+(?:hash|pound|star)\s+key\b|\bafter\s+the\s+(?:tone|beep)\b|\bstay\s+on\s+the\s+line\b|\bcall\s+us\s+back\b|\bmenu\s+transcript\b|语音菜单|(?:请|再)按\s*\d/i;
/** A code of another kind keyed in ("key in the event code"). */
const ANOTHER_CODE =
  /\b(?:event|error|promo|referral|invite|invitation|coupon|voucher|discount|tracking|reference|extension|menu|option|postal|zip|area|country)\s+(?:code|number)\b/i;
const SAY_OR_KEY_IN =
  /\b(?:say|speak|tell|read|key\s+in|punch\s+in|enter|type|dial)\b|\bleave\b(?=[^.?!]{0,60}\bafter\s+the\s+(?:beep|tone)\b)|讲|说|念|报|读|输入/i;
const SAY_OR_TEXT =
  /\b(?:text|sms|tell|say|read|give|send|whatsapp|press|key\s+in|punch\s+in|dial)\b|\bleave\b(?=[^.?!]{0,60}\bafter\s+the\s+(?:beep|tone)\b)|讲|说|告诉|念|报|读|发(?:短信|信息)?(?:到|给)|(?:按|㩒|撳)(?!照|时|钮|键)|输入/i;

/** Whether the customer installed or used one is a question, not a proposal (round 23: "最近有没有安装过远程控制软件"). */
const ASKED_WHETHER =
  /(?:有没有|有冇|是否)(?:最近)?[^，。？！]{0,6}(?:安装|装|下载|用)过|\b(?:have|did)\s+you\s+(?:ever|recently)\b|\bwhether\s+you\s+(?:have\s+)?(?:ever\s+)?(?:installed|used|downloaded)\b/i;

/** The secrets that may not be shown or told: named, and in a clause no advice negates. */
function liveSecretIn(said: string): boolean {
  return clauses(said).some((c) => !NEGATION.test(c) && SECRET_IN(c));
}

export function asksThroughOtherMedium(text: string): Finding[] {
  const out: Finding[] = [];
  const all = sentences(text).map((s) => ({ ...s, said: normalise(s.text) }));
  const sharesScreen = all.some(
    (s) =>
      SCREEN_SHARE.test(s.said) &&
      PROPOSES.test(s.said) &&
      !REMOVES.test(s.said) &&
      !NEGATION.test(s.said) &&
      !ASKED_WHETHER.test(s.said),
  );
  const callInReply = all.some((s) => PHONE_LINE.test(s.said));
  const phoneMenu = all.some((s) => PHONE_MENU.test(s.said));
  for (const s of all) {
    if (!liveSecretIn(s.said)) continue;
    // Our side sending a code ("系统会发验证码到 +86 …") is not the customer telling it.
    const live = clauses(s.said)
      .filter((c) => !NEGATION.test(c))
      .map((c) => c.replace(WE_SEND, ' '));
    const shown = sharesScreen && live.some((c) => REVEAL.test(c) && !HIDE.test(c) && SECRET_IN(c));
    const namesLive = live.some(SECRET_IN);
    const formed = FORM.test(s.said) && !APP_FORM.test(s.said) && live.some((c) => FILL.test(c)) && namesLive;
    const line = PHONE_LINE.test(s.said) || (callInReply && KEYPAD.test(s.said));
    // Typed into the app itself, the code goes to nobody on the line (round 23: "请您自行在App内输入
    // 验证码确认身份，完成后回电…" asks for money on the phone, not the code).
    const phoned =
      (line &&
        live.some(
          (c) => SAY_OR_TEXT.test(c) && SECRET_IN(c) && !(IN_OWN_PLACE.test(c) && TYPED_IN.test(c)),
        )) ||
      (phoneMenu &&
        live.some(
          (c) => SAY_OR_KEY_IN.test(c) && SECRET_IN(c) && !IN_OWN_PLACE.test(c) && !ANOTHER_CODE.test(c),
        ));
    // Read across the sentence's live clauses: "把密码写在纸上，带到门店交给职员".
    const carried = namesLive && CARRIED.test(live.join('，'));
    if (shown || formed || phoned || carried) {
      out.push({ kind: 'secret_request', start: s.start, end: s.start + s.text.trimEnd().length });
    }
  }
  return out;
}
