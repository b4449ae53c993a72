import { useState } from 'react';
import { useT } from '../shell/use-t.ts';
import { TICKET_MESSAGES } from './messages.ts';

/** A 1–5 rating with an optional comment; used on the ticket page and the mailed-link page. */
export function Stars(props: {
  initial?: number;
  busy: boolean;
  onRate(score: number, comment: string): void;
}) {
  const t = useT(TICKET_MESSAGES);
  const [score, setScore] = useState(props.initial ?? 0);
  const [comment, setComment] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (score) props.onRate(score, comment);
      }}
    >
      <fieldset className="field">
        <legend>{t('rateTitle')}</legend>
        {/* One row of five stars: real radio buttons (arrow keys move, space picks), each drawn as
            one star; the chosen one and those before it are filled. */}
        <div role="radiogroup" aria-label={t('rateTitle')} className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={n <= score ? 'star on' : 'star'}>
              <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
              <span aria-hidden="true" className="glyph">
                ★
              </span>
              <span className="sr-only">{t('stars', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="comment">{t('comment')}</label>
        <textarea
          id="comment"
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <button type="submit" className="primary" disabled={props.busy || !score}>
        {t('send')}
      </button>
    </form>
  );
}
