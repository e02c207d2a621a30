import { Classifications, Full, Described, Prop, classificationValue } from './classifications.js';

// `telemetry` is declared in ambient.d.ts

type Indexed = Classifications['opened'];
type Nested = Classifications['opened']['file'];

export function send(): void {
	telemetry.publicLog2<{}, Classifications['opened']>('types/indexed');
	telemetry.publicLog2<{}, Indexed>('types/indexedAlias');
	telemetry.publicLog2<{}, { owner: 'types-team'; comment: 'Nested index.'; file: Nested }>('types/nestedIndex');
	telemetry.publicLog2<{}, typeof classificationValue>('types/typeof');
	telemetry.publicLog2<{}, GlobalClassification>('types/global');
	telemetry.publicLog2<AmbientEvent, AmbientClassification>('types/ambient');
	telemetry.publicLog2<{}, Omit<Full, 'dropped'>>('types/omit');
	telemetry.publicLog2<{}, Pick<Full, 'owner' | 'comment' | 'kept'>>('types/pick');
	telemetry.publicLog2<{}, Partial<Full>>('types/partial');
	telemetry.publicLog2<{}, Described<{ generic: Prop<'SystemMetaData'> }, 'types-team'>>('types/generic');
}
