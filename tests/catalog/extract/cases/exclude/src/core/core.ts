/* __GDPR__ "core/started" : { "owner": "core-team", "comment": "Start-up finished." } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
type StartClassification = { owner: 'core-team'; comment: 'Start-up finished, typed.'; kind: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } };
telemetry.publicLog2<{ kind: string }, StartClassification>('core/startedTyped', { kind: 'cold' });
