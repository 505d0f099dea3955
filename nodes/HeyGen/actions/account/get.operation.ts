import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { UserInfo } from '../../schemas';
import { apiData } from '../../transport/request';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['account'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function amount(value: number, unit: string): string {
	return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${unit}`;
}

/** One line a person reads at a glance, whichever billing object HeyGen filled in. */
export function balanceSummary(user: UserInfo): { remaining: number | null; unit: string | null; summary: string } {
	if (user.wallet) {
		const unit = user.wallet.currency === 'usd' ? 'USD' : 'credits';
		const remaining = user.wallet.remaining_balance ?? null;
		return { remaining, unit, summary: remaining === null ? `Wallet (${unit})` : `${amount(remaining, unit)} left in the API wallet` };
	}
	if (user.subscription) {
		const premium = user.subscription.credits.premium_credits?.remaining ?? 0;
		const addOn = user.subscription.credits.add_on_credits?.remaining ?? 0;
		const resets = user.subscription.credits.premium_credits?.resets_at;
		return {
			remaining: premium + addOn,
			unit: 'credits',
			summary: `${amount(premium + addOn, 'credits')} left on the ${user.subscription.plan} plan${resets ? ` (plan credits reset ${resets})` : ''}`,
		};
	}
	if (user.usage_based) {
		const spent = user.usage_based.spending_current_usd ?? 0;
		const cap = user.usage_based.spending_cap_usd;
		const remaining = user.usage_based.remaining_credits ?? null;
		return {
			remaining,
			unit: remaining === null ? null : 'credits',
			summary: `${amount(spent, 'USD')} spent${cap ? ` of a ${amount(cap, 'USD')} cap` : ''}${remaining === null ? '' : `, ${amount(remaining, 'credits')} included credits left`}`,
		};
	}
	return { remaining: null, unit: null, summary: 'No billing information' };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const user = await apiData<UserInfo>(this, 'getCurrentUser', { itemIndex });
		const { remaining, unit, summary } = balanceSummary(user);
		return { ...(user as IDataObject), remaining_balance: remaining, balance_unit: unit, balance_summary: summary };
	});
}
