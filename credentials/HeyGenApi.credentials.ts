import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class HeyGenApi implements ICredentialType {
	name = 'heyGenApi';

	displayName = 'HeyGen API';

	icon: Icon = { light: 'file:../nodes/HeyGen/heygen.svg', dark: 'file:../nodes/HeyGen/heygen.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-heygen-video/n8n-nodes-heygen-video#credentials';

	httpRequestNode = {
		name: 'HeyGen',
		docsUrl: 'https://developers.heygen.com/reference',
		apiBaseUrl: 'https://api.heygen.com/v3/',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'In HeyGen: Settings → Subscriptions & API → HeyGen API → API token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.heygen.com',
			description: 'Leave as is, unless requests go through a proxy or a local HeyGen emulator',
		},
	];

	/**
	 * A plain function rather than a generic `={{$credentials.apiKey}}` header: n8n 2.x evaluates a
	 * generic one in an isolated expression sandbox on every request, which costs a parked run of
	 * hundreds of videos seconds when it reads each one on resume.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, 'X-Api-Key': String(credentials.apiKey ?? '') } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v3/users/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'HeyGen rejected the API key. Copy it again from Settings → Subscriptions & API → HeyGen API.',
				},
			},
		],
	};
}
