import { dataReply } from '../http/reply';
import type { HandlerTable } from './context';

/** The emulated account: a prepaid credits wallet. */
export const ACCOUNT = Object.freeze({
	username: 'emulator_user',
	email: 'emulator.user@example.com',
	first_name: 'Emma',
	last_name: 'Ulator',
});

export const userHandlers: HandlerTable = {
	getCurrentUser: ({ services }) =>
		dataReply({
			...ACCOUNT,
			billing_type: 'wallet',
			wallet: {
				currency: 'credits',
				remaining_balance: services.state.balance,
				auto_reload: { enabled: false, threshold_usd: null, amount_usd: null },
			},
			subscription: null,
			usage_based: null,
		}),
};
