// Properties the reporter adds to every event.
// __GDPR__COMMON__ "common.extversion" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
// __GDPR__COMMON__ "common.vscodemachineid" : { "endPoint": "MacAddressHash", "classification": "EndUserPseudonymizedInformation", "purpose": "FeatureInsight" }
// __GDPR__COMMON__ "common.vscodesessionid" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
export const COMMON_PROPERTIES = ['common.extversion', 'common.vscodemachineid', 'common.vscodesessionid'];
