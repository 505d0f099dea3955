import { createHash } from 'node:crypto';

import { invalidParameter, notFound } from '../http/errors';
import { dataReply } from '../http/reply';
import type { StoredAsset } from '../jobs/assets';
import { assetUrl } from '../jobs/storage';
import type { Services } from '../services';
import type { HandlerTable } from './context';
import { ACCOUNT } from './users';

/** The one workspace (space) of the emulated account. */
export const SPACE_ID = createHash('sha256').update('emulator-space').digest('hex').slice(0, 32);

function requireLiveAsset(services: Services, id: string): StoredAsset {
	const asset = services.state.assets.find(id);
	if (!asset) throw notFound('Asset not found.', 'asset_not_found');
	return asset;
}

/** `GET /v3/assets/{id}`: note `id` (not `asset_id`) and `type` as a kind, not a MIME type. */
function presentAsset(asset: StoredAsset, services: Services, now: number) {
	return {
		id: asset.id,
		name: asset.name,
		owner: ACCOUNT.username,
		space_id: SPACE_ID,
		type: asset.kind,
		uploaded_at: Math.floor(asset.uploadedAtMs / 1000),
		folder_id: null,
		url: assetUrl(asset, services.signer, now),
	};
}

export const assetHandlers: HandlerTable = {
	uploadAsset: ({ upload, now, services }) => {
		// The server hands over the file part of every upload it accepts; this only guards a misuse.
		if (!upload) throw invalidParameter('file', 'File is required. Upload a file using multipart/form-data.');
		const asset = services.state.assets.add(upload, now);
		return dataReply({
			asset_id: asset.id,
			url: assetUrl(asset, services.signer, now),
			mime_type: asset.mimeType,
			size_bytes: asset.bytes.length,
		});
	},

	getAsset: ({ params, now, services }) =>
		dataReply(presentAsset(requireLiveAsset(services, params.asset_id), services, now)),

	deleteAsset: ({ params, now, services }) => {
		const asset = requireLiveAsset(services, params.asset_id);
		services.state.assets.delete(asset.id, now);
		return dataReply({ id: asset.id });
	},
};
