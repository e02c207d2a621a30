const enum Direction { Up, Down }
enum Phase { Starting = 1, Ready = 2 }
enum Mixed { First = 0, Second }
enum Kind { File = 'file', Folder = 'folder' }
enum Single { Only }
enum Flags { None = 0, A = 1 << 0, B = 1 << 1 }

type EnumClassification = {
	owner: 'files-team';
	comment: 'Which enum-typed members count as measurements.';
	direction: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Numbered automatically.' };
	phase: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Numbered explicitly.' };
	mixed: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Both.' };
	kind: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'A string enum.' };
	single: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'One member.' };
	flags: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Computed values.' };
	maybeDirection: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Or undefined.' };
	member: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'One enum member as a type.' };
	count: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'A number alias.' };
	union: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'number | undefined.' };
	nullable: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'number | null.' };
	literal: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'A numeric literal type.' };
	maybeFlag: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'boolean | undefined.' };
	optionalFlag: { classification: 'SystemMetaData'; purpose: 'FeatureInsight'; comment: 'Optional boolean (no strict mode here).' };
};

type Count = number;
type EnumEvent = {
	direction: Direction;
	phase: Phase;
	mixed: Mixed;
	kind: Kind;
	single: Single;
	flags: Flags;
	maybeDirection: Direction | undefined;
	member: Direction.Up;
	count: Count;
	union: number | undefined;
	nullable: number | null;
	literal: 1 | 2;
	maybeFlag: boolean | undefined;
	optionalFlag?: boolean;
};

declare const telemetry: { publicLog2<E, C>(name: string, data?: E): void };
declare const data: EnumEvent;
telemetry.publicLog2<EnumEvent, EnumClassification>('files/enums', data);
