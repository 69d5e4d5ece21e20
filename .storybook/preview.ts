import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import '../stories/support/themes.css';

// Docs pages (props, events, slots, CSS parts and properties) come from the manifest that
// `npm run analyze` writes from each element's JSDoc.
setCustomElementsManifest(manifest);

/** Wraps every story in the chosen locale and theme, as a publisher's page would. */
const withLocaleAndTheme: Decorator = (story, context) => {
  const locale = String(context.globals['locale'] ?? 'de');
  const theme = String(context.globals['theme'] ?? 'default');
  document.documentElement.lang = locale;
  document.documentElement.dataset['ksTheme'] = theme;
  return html`<div class="story-page" lang=${locale}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withLocaleAndTheme],
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'de', title: 'Deutsch' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Theme, done only with CSS custom properties',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Default' },
          { value: 'dark', title: 'Dark' },
          { value: 'brand', title: 'Brand (sample publisher)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'de', theme: 'default' },
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
    docs: { toc: true },
  },
  tags: ['autodocs'],
};

export default preview;
