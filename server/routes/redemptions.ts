/** redeemKey (under Idempotency-Key, see http/route.ts) and listProducts. */
import type { ContractHandlers } from '../http/route.js';
import { ApiProblem } from '../problem.js';
import type { Services } from '../services.js';

export function redemptionHandlers(s: Services): Pick<ContractHandlers, 'redeemKey' | 'listProducts'> {
  return {
    async redeemKey({ ip, user }, { key }) {
      await s.hooks.beforeRedeem?.();
      const wait = Math.max(s.limiter.retryAfter('redeemPerAccount', user.id), s.limiter.retryAfter('redeemPerIp', ip));
      if (wait > 0) {
        s.log.audit({ event: 'redeem', outcome: 'rate-limited', userId: user.id });
        throw ApiProblem.of('rate-limited', { retryAfter: wait });
      }
      const result = s.redeemer.redeem({ id: user.id, customerType: user.customer_type }, key);
      s.log.audit({ event: 'redeem', outcome: result.ok ? result.outcome : result.code, userId: user.id, key: result.key });
      if (!result.ok) {
        // Every failure counts, "already redeemed" too: it tells a guesser that the key exists.
        s.limiter.hit('redeemPerAccount', user.id);
        s.limiter.hit('redeemPerIp', ip);
        throw ApiProblem.of(result.code, result.extras);
      }
      return { status: result.outcome === 'activated' ? 201 : 200, body: { product: result.product, outcome: result.outcome } };
    },

    listProducts: ({ user }) => ({ status: 200, body: { products: s.catalogue.productsOf(user.id) } }),
  };
}
