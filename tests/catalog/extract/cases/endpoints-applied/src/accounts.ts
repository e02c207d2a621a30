// Event and fragment properties read a lower-case "endpoint"; common properties read "endPoint".
// __GDPR__COMMON__ "common.userHash" : { "endPoint": "SqmUserId", "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight" }
// __GDPR__COMMON__ "common.deviceHash" : { "endpoint": "SqmMachineId", "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight" }
// __GDPR__COMMON__ "common.plain" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }

/* __GDPR__FRAGMENT__
	"AccountIdentity" : {
		"accountHash": { "endpoint": "GoogleAnalyticsId", "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight" },
		"tenantHash": { "endPoint": "GoogleAnalyticsId", "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight" }
	}
*/

/* __GDPR__
	"accounts/signedIn" : {
		"owner": "accounts-team",
		"comment": "The user signed in.",
		"providerId": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "endpoint": "none" },
		"sessionHash": { "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight", "endpoint": "MacAddressHash" },
		"scopeHash": { "classification": "EndUserPseudonymizedInformation", "purpose": "BusinessInsight", "endPoint": "MacAddressHash" },
		"${include}": [ "${AccountIdentity}" ],
		"${wildcard}": [
			{ "${prefix}": "Scope.", "${classification}": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "comment": "One flag per scope." } }
		]
	}
*/
export function signIn(): void { }
