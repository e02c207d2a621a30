// Comments are read in .tsx files; typed calls are not (the reference reads them in .ts only).
/* __GDPR__ "view/rendered" : { "owner": "ui-team", "comment": "A view rendered.", "itemCount": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true } } */
declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
export function View(props: { items: string[] }) {
	telemetry.publicLog2<{ count: number }, { owner: 'ui-team'; comment: 'Typed in tsx.'; count: { classification: 'SystemMetaData'; purpose: 'FeatureInsight' } }>('view/renderedTyped', { count: props.items.length });
	return <ul>{props.items.map(item => <li>{item}</li>)}</ul>;
}
