//! Conformance checks for our Smithy models (`model/iam.json`, `model/sts.json`), the same checks
//! for each (conformance/checks.rs, included once per service).
//!
//! Each model is a small subset of the official AWS one. Everything except
//! documentation must match the official model exactly (shape names, types, member
//! names/order/targets, trait values), while all documentation must be our own.
//!
//! The official models are looked up in `<repo>/../shared/reference/`.
//! When it is absent the comparisons against it fail, unless POLYIAM_SKIP_REFERENCE=1 lets a local
//! run skip them (loudly); the self-contained checks (closure, operation list, formatting) always run.

mod support;


mod iam {
    const SERVICE_ID: &str = "com.amazonaws.iam#AWSIdentityManagementV20100508";
    const MODEL: &str = "model/iam.json";
    const OFFICIAL_FILE: &str = "iam-2010-05-08.smithy.json";

    /// The operations our service must list, exactly: all of the official model's.
    const EXPECTED_OPERATIONS: &[&str] = &["*"];

    include!("conformance/checks.rs");
}

mod sts {
    const SERVICE_ID: &str = "com.amazonaws.sts#AWSSecurityTokenServiceV20110615";
    const MODEL: &str = "model/sts.json";
    const OFFICIAL_FILE: &str = "sts-2011-06-15.smithy.json";

    /// The operations our service must list, exactly: all of the official model's (issue 18).
    const EXPECTED_OPERATIONS: &[&str] = &["*"];

    include!("conformance/checks.rs");
}
