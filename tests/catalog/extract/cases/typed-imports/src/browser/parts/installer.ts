import { ExtensionInstalledClassification, ExtensionInstalledEvent, GalleryQueryClassification, GalleryQueryEvent, ExtensionUninstalledClassification } from '../../common/extensionsTelemetry.js';
import * as uninstall from '../../common/uninstall.js';
import type { Timing } from '../../types';
import * as types from '../../types/index.js';

declare const telemetryService: { publicLog2<E, C>(name: string, data?: E): void };

export function install(id: string): void {
	telemetryService.publicLog2<ExtensionInstalledEvent, ExtensionInstalledClassification>('extensions/installed', { extensionId: id, durationMs: 12 });
	telemetryService.publicLog2<GalleryQueryEvent, GalleryQueryClassification>('extensions/galleryQueried', { resultCount: 3 });
	telemetryService.publicLog2<{ reason: string }, ExtensionUninstalledClassification>(uninstall.UNINSTALL_EVENT, { reason: 'user' });
	telemetryService.publicLog2<Timing.StartupEvent, Timing.StartupClassification>('startup/timing', { ellapsed: 100 });
	telemetryService.publicLog2<types.Timing.StartupEvent, types.Timing.StartupClassification>('startup/timingAgain', { ellapsed: 100 });
}
