import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/account-menu/define.js';
import '../src/elements/provider/define.js';
// The menu loads <ks-sign-in> on first use; loaded up front here, the inline story shows it at once.
import '../src/elements/sign-in/define.js';
import type { KsNavigateDetail } from '../src/core/events.js';
import type { AccountMenuView } from '../src/elements/account-menu/account-menu.js';
import { type AccountMenuSession, accountMenuStore, signOutThroughMenu } from './support/account-menu-scenarios.js';

interface AccountMenuArgs {
  session: AccountMenuSession;
  open: boolean;
  view: AccountMenuView;
  'sign-in-href'?: string;
  'register-href'?: string;
  'account-href'?: string;
  'products-href'?: string;
  'redeem-href'?: string;
  afterSignOut: boolean;
}

/** Stories stay on their page: a link's `ks-navigate` is cancelled; "Anmelden" without a URL opens inline. */
function stayOnPage(event: CustomEvent<KsNavigateDetail>): void {
  if (event.detail.href) event.preventDefault();
}

/**
 * `<ks-account-menu>` in a publisher's page header, in each of its states. The panel opens below
 * the person symbol; the header leaves room for it. Open states are set with the `open` and `view`
 * attributes, which fire no events. Demo account: `lehrkraft@keyshelf.example` / `Kennwort-Demo-2026`.
 */
const meta: Meta<AccountMenuArgs> = {
  title: 'Elements/ks-account-menu',
  component: 'ks-account-menu',
  args: {
    session: 'signed-out',
    open: false,
    view: 'menu',
    'register-href': '/registrieren',
    'account-href': '/konto',
    'products-href': '/konto/produkte',
    'redeem-href': '/konto/einloesen',
    afterSignOut: false,
  },
  argTypes: {
    session: {
      control: 'select',
      options: ['loading', 'signed-out', 'signed-in', 'session-error', 'reset-link', 'reset-link-signed-in', 'confirmation-failed'],
    },
    view: { control: 'inline-radio', options: ['menu', 'sign-in'] },
    afterSignOut: { table: { disable: true } },
  },
  loaders: [async ({ args }) => ({ store: await accountMenuStore(args.session) })],
  render: (args, { loaded }) => html`
    <style>
      .story-header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 1.5rem;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--ks-color-border, #8a95a1);
        background: var(--ks-color-surface, #fff);
        color: var(--ks-color-text, #1b1f24);
      }
      .story-header strong {
        margin-inline-end: auto;
        font-size: 1.25rem;
      }
      .story-header nav {
        display: flex;
        gap: 1rem;
      }
      .story-header a {
        color: inherit;
      }
      .story-body {
        min-height: 26rem;
        padding: 1rem;
      }
    </style>
    <ks-provider .store=${loaded['store']} @ks-navigate=${stayOnPage}>
      <header class="story-header">
        <strong>Verlag</strong>
        <nav aria-label="Hauptnavigation"><a href="#">Schulbuch</a><a href="#">Digital</a></nav>
        ${keyed(
          loaded['store'],
          html`<ks-account-menu
            ?open=${args.open}
            view=${args.view}
            sign-in-href=${ifDefined(args['sign-in-href'])}
            register-href=${ifDefined(args['register-href'])}
            account-href=${ifDefined(args['account-href'])}
            products-href=${ifDefined(args['products-href'])}
            redeem-href=${ifDefined(args['redeem-href'])}
            ${ref((element) => (args.afterSignOut ? void signOutThroughMenu(element) : undefined))}
          ></ks-account-menu>`,
        )}
      </header>
      <main class="story-body"></main>
    </ks-provider>
  `,
};
export default meta;

type Story = StoryObj<AccountMenuArgs>;

/** The session is not known yet: a neutral trigger of the same size, no layout shift later. */
export const Loading: Story = { args: { session: 'loading' } };
export const SignedOut: Story = {};
export const SignedOutOpen: Story = { args: { open: true } };
export const SignedIn: Story = { args: { session: 'signed-in' } };
export const SignedInOpen: Story = { args: { session: 'signed-in', open: true } };
/** No `sign-in-href`: "Anmelden" shows `<ks-sign-in>` in the panel, which is then a dialog. */
export const InlineSignInOpen: Story = { args: { open: true, view: 'sign-in' } };
/** The session could not be read (offline here): what happened, and a retry. */
export const SessionError: Story = { args: { session: 'session-error', open: true } };
/** Right after "Abmelden": signed out, focus on the trigger, "Sie wurden abgemeldet." announced. */
export const AfterSignOut: Story = { args: { session: 'signed-in', afterSignOut: true } };
/**
 * After the link in a reset mail (`?ks-reset=…`): the menu opens by itself on "Neues Kennwort
 * festlegen", with focus in the form (also with a `sign-in-href`: the token stays on this page).
 */
export const ResetLink: Story = { args: { session: 'reset-link' } };
/** A signed-in user followed a reset link: the same form, for their address; the new password ends the session. */
export const ResetLinkSignedIn: Story = { args: { session: 'reset-link-signed-in' } };
/** The confirmation link was used already or has expired: the menu opens on the form that asks for a new one. */
export const ConfirmationFailed: Story = { args: { session: 'confirmation-failed' } };
