import type { MessageId, MessageParams } from '../../core/localize.js';
import type { NewPasswordField } from './new-password-form.js';
import type { RequestState } from './request-state.js';
import type { SignInField } from './sign-in-form.js';
import type { SignInMessageId } from './sign-in.messages.js';
import type { InteractionState } from './validation.js';

/**
 * `reset`: asks for the address to send a reset link to; `new-password`: after the reset link,
 * asks for the new password; `reset-link-invalid`: that link is used up or broken;
 * `confirm-resend`: after a broken confirmation link, asks for the address to send a new one to.
 * `*-sent` and `reset-link-invalid` show a message instead of a form.
 */
export type SignInView = 'sign-in' | 'reset' | 'reset-sent' | 'new-password' | 'reset-link-invalid' | 'confirm-resend' | 'confirm-sent';

/** A message kept as an id, so that it follows a change of language; `then` follows it in the same region. */
export type Message = { readonly id: SignInMessageId | MessageId; readonly params?: MessageParams; readonly then?: Message };

/** What the user can do about the alert. */
export type Action = 'retry' | 'resend' | 'retry-confirmation' | 'request-link';

/** What the user typed; the new-password form's address is the sign-in form's `email`. */
export type Values = Readonly<Record<SignInField | 'resetEmail' | 'resendEmail' | 'newPassword', string>>;

/** The requests of the element; `resend` serves the resend button and the form after a broken confirmation link. */
export type Requests = Readonly<Record<'signIn' | 'reset' | 'resend' | 'newPassword', RequestState>>;

/** When to show each form's problems (see `InteractionState`). */
export type Fields = {
  readonly signIn: InteractionState<SignInField>;
  readonly reset: InteractionState<'email'>;
  readonly resend: InteractionState<'email'>;
  readonly newPassword: InteractionState<NewPasswordField>;
};

/** The request that the form of `view` sends, if `view` shows a form. */
export function requestOf(view: SignInView, requests: Requests): RequestState | null {
  switch (view) {
    case 'sign-in':
      return requests.signIn;
    case 'reset':
      return requests.reset;
    case 'new-password':
      return requests.newPassword;
    case 'confirm-resend':
      return requests.resend;
    default:
      return null;
  }
}
