import { defineElement } from '../../core/define-element.js';
import { KsSignIn } from './sign-in.js';

defineElement('ks-sign-in', KsSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'ks-sign-in': KsSignIn;
  }
}
