import { defineElement } from '../../core/define-element.js';
import { KsProvider } from './provider.js';

defineElement('ks-provider', KsProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ks-provider': KsProvider;
  }
}
