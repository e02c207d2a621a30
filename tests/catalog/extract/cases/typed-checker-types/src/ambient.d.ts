// A script (no imports or exports): its declarations are global. It mentions publicLog2, so
// the reference's program holds it.
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };

type AmbientClassification = {
	owner: 'types-team';
	comment: 'Declared in an ambient .d.ts file.';
	ambientProp: { classification: 'PublicNonPersonalData'; purpose: 'FeatureInsight' };
};

interface AmbientEvent {
	ambientProp: string;
}
