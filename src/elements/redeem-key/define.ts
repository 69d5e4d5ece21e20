import { defineElement } from '../../core/define-element.js';
import { KsRedeemKey } from './redeem-key.js';

defineElement('ks-redeem-key', KsRedeemKey);

declare global {
  interface HTMLElementTagNameMap {
    'ks-redeem-key': KsRedeemKey;
  }
}
