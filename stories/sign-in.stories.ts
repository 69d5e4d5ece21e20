import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/provider/define.js';
import '../src/elements/sign-in/define.js';
import { type SignInScenario, driveSignIn, signInScenarios, signInStore } from './support/sign-in-scenarios.js';

interface SignInArgs {
  scenario: SignInScenario;
  email?: string;
  'register-href'?: string;
}

/**
 * `<ks-sign-in>` in each of its states, reached the way a user reaches them: each story types into
 * the real form and submits it to an in-memory backend that answers as the state needs (a wrong
 * password, an unconfirmed account, a rate limit, a lost connection). Demo account:
 * `lehrkraft@keyshelf.example` / `Kennwort-Demo-2026`.
 */
const meta: Meta<SignInArgs> = {
  title: 'Elements/ks-sign-in',
  component: 'ks-sign-in',
  args: { scenario: 'signed-out' },
  argTypes: { scenario: { control: 'select', options: signInScenarios } },
  loaders: [async ({ args }) => ({ store: await signInStore(args.scenario) })],
  render: (args, { loaded }) => html`
    <ks-provider .store=${loaded['store']}>
      ${keyed(
        loaded['store'],
        html`<ks-sign-in
          email=${ifDefined(args.email)}
          register-href=${ifDefined(args['register-href'])}
          @ks-navigate=${(event: Event) => event.preventDefault()}
          ${ref((element) => driveSignIn(element, args.scenario))}
        ></ks-sign-in>`,
      )}
    </ks-provider>
  `,
};
export default meta;

type Story = StoryObj<SignInArgs>;

export const SignedOut: Story = {};
export const Filled: Story = { args: { scenario: 'filled' } };
export const ValidationErrors: Story = { args: { scenario: 'validation-errors' } };
export const InFlight: Story = { args: { scenario: 'in-flight' } };
export const InvalidCredentials: Story = { args: { scenario: 'invalid-credentials' } };
export const EmailNotConfirmed: Story = { args: { scenario: 'email-not-confirmed' } };
export const ConfirmationResent: Story = { args: { scenario: 'confirmation-resent' } };
export const RateLimited: Story = { args: { scenario: 'rate-limited' } };
export const Offline: Story = { args: { scenario: 'offline' } };
/** The backend did not answer in time (10 s per attempt). */
export const Timeout: Story = { args: { scenario: 'timeout' } };
export const ServerError: Story = { args: { scenario: 'server-error' } };
/** The backend answered something that breaks the contract's schema. */
export const BadResponse: Story = { args: { scenario: 'bad-response' } };
export const ResetRequest: Story = { args: { scenario: 'reset-request' } };
export const ResetSent: Story = { args: { scenario: 'reset-sent' } };
export const SignedIn: Story = { args: { scenario: 'signed-in' } };

/** After the link in the confirmation mail (`?ks-confirm=…`), while the backend confirms it. */
export const Confirming: Story = { args: { scenario: 'confirming' } };
/** The confirmation link worked: the address is confirmed and the user signed in. */
export const Confirmed: Story = { args: { scenario: 'confirmed' } };
/** The confirmation link was used already or has expired: a new one goes to the address typed. */
export const ConfirmationFailed: Story = { args: { scenario: 'confirmation-failed' } };
/** After the link in the reset mail (`?ks-reset=…`): "Neues Kennwort festlegen". */
export const SetNewPassword: Story = { args: { scenario: 'new-password' } };
/** The backend refused the new password (here: too common); the link still works for another one. */
export const NewPasswordRefused: Story = { args: { scenario: 'new-password-refused' } };
/** The new password is set: back to the sign-in form, with the address filled in. */
export const PasswordChanged: Story = { args: { scenario: 'password-changed' } };
