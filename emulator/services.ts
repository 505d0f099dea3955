import { CATALOG, type Catalog } from './catalogues/catalog';
import { EmulatorState } from './jobs/state';
import { UrlSigner } from './jobs/storage';
import type { EmulatorConfig } from './settings/config';

/** What handlers share: the account state, the live config, the seed catalogue and the URL signer. */
export interface Services {
	state: EmulatorState;
	config: EmulatorConfig;
	catalog: Catalog;
	signer: UrlSigner;
}

/** A fresh account holding `balance` credits; its cap and URL lifetime follow the live `config`. */
export function createServices(config: EmulatorConfig, balance: number): Services {
	return {
		state: new EmulatorState(balance, () => config.concurrencyLimit),
		config,
		catalog: CATALOG,
		signer: new UrlSigner(() => config.downloadUrlTtlSeconds),
	};
}
