/* __GDPR__
	"numbers/one" : {
		"owner": "someone",
		"comment": "numbers \u00e9 \ud83d\ude00 pair \u2028 \u007f",
		"a": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": 0.0, "expiration": 1e-7 },
		"b": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": 1.0, "expiration": 1e16 },
		"c": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "expiration": 1e400, "x": 12345678901234567890 },
		"d": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "expiration": -0, "y": -0.0, "z": 2e15, "w": 0.000001, "v": 1e21, "u": 1e20, "t": 9007199254740993 },
		"10": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "expiration": [1.5, 0.1, 100, 1E2] },
		"2": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": 0 },
		"e": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": -0.0, "endpoint": 0.0 }
	}
*/
/* __GDPR__
	"numbers/two" : {
		"owner": "someone",
		"comment": 1.0,
		"a": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": 0.0, "expiration": 1e-7 }
	}
*/
/* __GDPR__
	"numbers/two" : {
		"owner": "someone",
		"comment": 1,
		"a": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "isMeasurement": 0, "expiration": 1E-7 }
	}
*/
/* __GDPR__
	"numbers/three" : {
		"owner": "someone",
		"a": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "expiration": 9007199254740993 }
	}
*/
/* __GDPR__
	"numbers/three" : {
		"owner": "someone",
		"a": { "classification": "SystemMetaData", "purpose": "FeatureInsight", "expiration": 9007199254740992 }
	}
*/
