import { z } from 'zod';

const creditPoolSchema = z.object({ remaining: z.number().nullish(), resets_at: z.string().nullish() }).passthrough();

/** `GET /v3/users/me`: the account and exactly one populated billing object. */
export const userInfoSchema = z
	.object({
		username: z.string(),
		email: z.string().nullable(),
		first_name: z.string().nullable(),
		last_name: z.string().nullable(),
		billing_type: z.enum(['wallet', 'subscription', 'usage_based']).nullish(),
		wallet: z
			.object({
				currency: z.enum(['usd', 'credits']),
				remaining_balance: z.number().nullish(),
				auto_reload: z
					.object({
						enabled: z.boolean(),
						threshold_usd: z.number().nullish(),
						amount_usd: z.number().nullish(),
					})
					.passthrough()
					.nullish(),
			})
			.passthrough()
			.nullish(),
		subscription: z
			.object({
				plan: z.string(),
				credits: z
					.object({
						premium_credits: creditPoolSchema.nullish(),
						add_on_credits: creditPoolSchema.nullish(),
					})
					.passthrough(),
			})
			.passthrough()
			.nullish(),
		usage_based: z
			.object({
				included_credits: z.number().nullish(),
				remaining_credits: z.number().nullish(),
				spending_current_usd: z.number().nullish(),
				spending_cap_usd: z.number().nullish(),
			})
			.passthrough()
			.nullish(),
	})
	.passthrough();
export type UserInfo = z.infer<typeof userInfoSchema>;
