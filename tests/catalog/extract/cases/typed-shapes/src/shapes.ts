// Interfaces (with extends), intersections and nested object types.
interface BaseClassification {
	owner: 'chat-team';
	comment: 'Base comment, replaced below.';
	sessionId: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'The chat session.' };
}

interface RequestClassification extends BaseClassification {
	comment: 'A chat request was sent.';
	model: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Which model.' };
}

type WithTiming = {
	timeToFirstToken: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'ms until the first token.' };
	model: { isMeasurement: false };
};

type RequestEvent = { sessionId: string; model: string; timeToFirstToken: number };

type ResponseClassification = {
	owner: 'chat-team';
	comment: 'A chat response finished.';
	result: {
		kind: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'How it ended.' };
	};
	usage: {
		promptTokens: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'Tokens in.' };
		completionTokens: { classification: 'SystemMetaData'; purpose: 'PerformanceAndHealth'; comment: 'Tokens out.' };
	};
	deep: { level1: { level2: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Two levels down.' } } };
	empty: {};
};

declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
telemetry.publicLog2<RequestEvent, RequestClassification & WithTiming>('chat/request', { sessionId: 's', model: 'm', timeToFirstToken: 1 });
telemetry.publicLog2<{}, ResponseClassification>('chat/response');
