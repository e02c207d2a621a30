import { SettingChangedClassification, SettingChangedEvent } from '@platform/telemetry';
import type { SettingChangedClassification as ViaBaseUrl } from 'platform/telemetry/classifications';
import type { SettingChangedEvent as ViaVs } from 'vs/platform/telemetry/classifications.js';

declare const telemetryService: { publicLog2<E, C>(name: string, data?: E): void };

export function changed(key: string): void {
	telemetryService.publicLog2<SettingChangedEvent, SettingChangedClassification>('settings/changed', { key });
	telemetryService.publicLog2<ViaVs, ViaBaseUrl>('settings/changedAgain', { key });
}
