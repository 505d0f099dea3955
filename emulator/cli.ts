import { optionsFrom, USAGE } from './cliOptions';
import { startEmulator, type EmulatorOptions } from './index';

async function main(): Promise<void> {
	let options: EmulatorOptions | undefined;
	try {
		options = optionsFrom(process.argv.slice(2));
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
		process.exit(2);
	}
	if (!options) {
		console.log(USAGE);
		return;
	}
	const emulator = await startEmulator(options);
	console.log(`HeyGen emulator API:     ${emulator.url}`);
	console.log(`HeyGen emulator storage: ${emulator.storageUrl}`);
	console.log(`HeyGen emulator elsewhere: ${emulator.elsewhereUrl}`);
	console.log(`Test API key:            ${emulator.apiKey}`);
	console.log(`Control API:             ${emulator.url}/__emulator/state`);
	console.log(`Webhook deliveries:      ${emulator.url}/__emulator/deliveries`);
	if (options.faults?.length) {
		console.log(`Fault rules:             ${options.faults.length} (${emulator.url}/__emulator/faults)`);
	}

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping the emulator`);
		emulator.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
