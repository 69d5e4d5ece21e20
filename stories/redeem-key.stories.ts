import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/provider/define.js';
import '../src/elements/redeem-key/define.js';
import {
  type RedeemKeyScenario,
  driveRedeemKey,
  isBatchScenario,
  redeemKeyScenarios,
  redeemKeyStore,
} from './support/redeem-key-scenarios.js';

interface RedeemKeyArgs {
  scenario: RedeemKeyScenario;
  label?: string;
  'products-href'?: string;
  'support-href'?: string;
  'sign-in-href'?: string;
  'register-href'?: string;
  'auto-redeem': boolean;
  multiple: boolean;
}

/** Stories stay on their page: links and "Zur Nutzung" are cancelled; sign-in without a URL opens inline. */
function stayOnPage(event: Event): void {
  if (event.type === 'ks-open-product' || (event as CustomEvent<{ href?: string }>).detail.href) event.preventDefault();
}

/**
 * `<ks-redeem-key>` in each of its states, reached the way a user reaches them: each story types a
 * demo key (docs/demo-keys.md) into the real field and submits it to an in-memory backend that
 * answers as the state needs. Signed in as `lehrkraft@keyshelf.example` (the teacher-only key as
 * the pupil); "Signed out" shows the inline sign-in (password `Kennwort-Demo-2026`), and
 * "Pending key" the form a user comes back to after signing in. The "Batch" stories show batch
 * mode (`multiple`), for teachers with class sets: keys pasted into its field, then redeemed one
 * after the other; "resumed after a reload" shows a run as a reload mid-run leaves it (the store's
 * pending batch: the keys still to do and a word for each key done).
 */
const meta: Meta<RedeemKeyArgs> = {
  title: 'Elements/ks-redeem-key',
  component: 'ks-redeem-key',
  args: {
    scenario: 'empty',
    'products-href': '#produkte',
    'support-href': '#kundenservice',
    'register-href': '#registrieren',
    'auto-redeem': false,
    multiple: false,
  },
  argTypes: { scenario: { control: 'select', options: redeemKeyScenarios } },
  loaders: [async ({ args }) => ({ store: await redeemKeyStore(args.scenario) })],
  render: (args, { loaded }) => html`
    <ks-provider .store=${loaded['store']}>
      ${keyed(
        loaded['store'],
        html`<ks-redeem-key
          label=${ifDefined(args.label)}
          products-href=${ifDefined(args['products-href'])}
          support-href=${ifDefined(args['support-href'])}
          sign-in-href=${ifDefined(args['sign-in-href'])}
          register-href=${ifDefined(args['register-href'])}
          ?auto-redeem=${args['auto-redeem']}
          ?multiple=${args.multiple || isBatchScenario(args.scenario)}
          @ks-navigate=${stayOnPage}
          @ks-open-product=${stayOnPage}
          ${ref((element) => driveRedeemKey(element, args.scenario))}
        ></ks-redeem-key>`,
      )}
    </ks-provider>
  `,
};
export default meta;

type Story = StoryObj<RedeemKeyArgs>;

export const Empty: Story = {};
export const TypingWithCheck: Story = { args: { scenario: 'typing' } };
export const Typo: Story = { args: { scenario: 'typo' } };
export const InFlight: Story = { args: { scenario: 'in-flight' } };
export const Activated: Story = { args: { scenario: 'activated' } };
export const ActivatedDownload: Story = { args: { scenario: 'activated-download' } };
export const ActivatedJournal: Story = { args: { scenario: 'activated-journal' } };
export const AlreadyOwned: Story = { args: { scenario: 'already-owned' } };
export const RedeemedBySomeoneElse: Story = { args: { scenario: 'redeemed-by-someone-else' } };
export const NotFound: Story = { args: { scenario: 'not-found' } };
export const Expired: Story = { args: { scenario: 'expired' } };
export const NotYetValid: Story = { args: { scenario: 'not-yet-valid' } };
export const NotForCustomerType: Story = { args: { scenario: 'not-for-customer-type' } };
export const RateLimited: Story = { args: { scenario: 'rate-limited' } };
export const Offline: Story = { args: { scenario: 'offline' } };
export const Timeout: Story = { args: { scenario: 'timeout' } };
export const ServerError: Story = { args: { scenario: 'server-error' } };
export const BadResponse: Story = { args: { scenario: 'bad-response' } };
export const SignedOut: Story = { args: { scenario: 'signed-out' } };
export const PendingKey: Story = { args: { scenario: 'pending-key' } };
export const BatchEmpty: Story = { name: 'Batch: empty', args: { scenario: 'batch-empty', multiple: true } };
export const BatchParsed: Story = { name: 'Batch: parsed, with a duplicate and malformed keys', args: { scenario: 'batch-parsed', multiple: true } };
export const BatchRunning: Story = { name: 'Batch: running', args: { scenario: 'batch-running', multiple: true } };
export const BatchRateLimited: Story = { name: 'Batch: paused after too many attempts', args: { scenario: 'batch-rate-limited', multiple: true } };
export const BatchFinished: Story = { name: 'Batch: finished with mixed results', args: { scenario: 'batch-finished', multiple: true } };
export const BatchResumed: Story = {
  name: 'Batch: resumed after a reload, with the results from before it',
  args: { scenario: 'batch-resumed', multiple: true },
};
