import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/provider/define.js';
import './support/session-status.js';
import { type StorySession, storyStore } from './support/backends.js';

interface ProviderArgs {
  session: StorySession;
}

/**
 * `<ks-provider>` renders nothing of its own: it shares one store with every keyshelf element
 * inside it. The status line here is such an element, reading the session the provider shares.
 */
const meta: Meta<ProviderArgs> = {
  title: 'Elements/ks-provider',
  component: 'ks-provider',
  args: { session: 'signed-out' },
  argTypes: { session: { control: 'inline-radio', options: ['signed-out', 'signed-in'] } },
  loaders: [async ({ args }) => ({ store: await storyStore(args.session) })],
  render: (_args, { loaded }) => html`
    <ks-provider .store=${loaded['store']}>
      <story-session-status></story-session-status>
    </ks-provider>
  `,
};
export default meta;

type Story = StoryObj<ProviderArgs>;

export const SignedOut: Story = {};
export const SignedIn: Story = { args: { session: 'signed-in' } };
