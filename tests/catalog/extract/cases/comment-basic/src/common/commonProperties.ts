export function resolveCommonProperties(): Record<string, string> {
	const result: Record<string, string> = {};
	// __GDPR__COMMON__ "common.machineId" : { "endPoint": "MacAddressHash", "classification": "EndUserPseudonymizedInformation", "purpose": "FeatureInsight" }
	result['common.machineId'] = 'x';
	// __GDPR__COMMON__ "common.sessionCount" : { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": true }
	result['common.sessionCount'] = '1';
	// __GDPR__COMMON__ "common.Platform" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
	result['common.platform'] = 'linux';
	return result;
}
