namespace Sample
{
    // A C# file: its comments count too.
    /* __GDPR__ "host/started" : { "owner": "host-team", "comment": "The host process started.", "pid": { "classification": "SystemMetaData", "purpose": "PerformanceAndHealth" } } */
    public static class Telemetry
    {
        // __GDPR__COMMON__ "common.hostVersion" : { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
        public static void Started() { }
    }
}
