// A view in TSX: comment declarations are read here too.
/* __GDPR__
	"panelShown" : {
		"owner": "word-count-team",
		"comment": "The statistics panel became visible.",
		"documents": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	}
*/
export function Panel(props: { counts: number[] }) {
	return <table>{props.counts.map((count, row) => <tr key={row}><td>{count}</td></tr>)}</table>;
}
