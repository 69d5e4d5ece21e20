import { defineElement } from '../../core/define-element.js';
import { KsAccountMenu } from './account-menu.js';

defineElement('ks-account-menu', KsAccountMenu);

declare global {
  interface HTMLElementTagNameMap {
    'ks-account-menu': KsAccountMenu;
  }
}
