//! The rulebook options (RULEBOOK §2.2), with their defaults.
//!
//! Every field is optional in `.specfirst.yaml`; a missing one takes the
//! default listed in the rulebook. Rules and templates read these values; the
//! validation in [`crate::Config::parse`] checks each key on its own so every
//! bad value gets its own diagnostic.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? } default $default:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }
        impl Default for $name {
            fn default() -> Self { $name::$default }
        }
        impl $name {
            /// The spelling used in `.specfirst.yaml`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Every accepted spelling.
            pub const VALUES: &'static [&'static str] = &[$($text),+];
        }
    };
}

string_enum!(
    /// `propertyNameCase`, `queryParamNameCase` (C-01).
    NameCase { CamelCase = "camelCase", SnakeCase = "snake_case", Any = "any" } default CamelCase
);
string_enum!(
    /// `pathSegmentCase` (C-03).
    SegmentCase { KebabCase = "kebab-case", CamelCase = "camelCase", Any = "any" } default KebabCase
);
string_enum!(
    /// `envelope` (C-04).
    Envelope { None = "none", Always = "always", OnRequest = "on-request" } default None
);
string_enum!(
    /// `envelopeErrorData` (C-04).
    EnvelopeErrorData { Name = "name", Object = "object" } default Name
);
string_enum!(
    /// `errorShape` (C-05).
    ErrorShape { Odata = "odata", Simple = "simple", Envelope = "envelope" } default Odata
);
string_enum!(
    /// `collectionShape` (PAYLOAD-006).
    CollectionShape { DataObject = "data-object", BareArray = "bare-array" } default DataObject
);
string_enum!(
    /// `nullFields` (PAYLOAD-007).
    NullFields { EmitNull = "emit-null", Omit = "omit" } default EmitNull
);
string_enum!(
    /// `createdBody` (C-09).
    CreatedBody { Representation = "representation", Id = "id", Empty = "empty" } default Representation
);
string_enum!(
    /// `updateSuccess` (C-12).
    UpdateSuccess { Either = "either", Ok200 = "200", NoContent204 = "204" } default Either
);
string_enum!(
    /// `deleteSuccessStatus` (C-11).
    DeleteSuccessStatus { Auto = "auto", NoContent204 = "204", Ok200 = "200" } default Auto
);
string_enum!(
    /// `fileExtensions` (C-08).
    FileExtensions { Forbid = "forbid", Allow = "allow" } default Forbid
);
string_enum!(
    /// `pagination` (C-06).
    Pagination { OffsetLimit = "offset-limit", PageSize = "page-size", StartIndex = "start-index" } default OffsetLimit
);
string_enum!(
    /// `paginationMetadata` (C-07).
    PaginationMetadata { HeadersAndLinks = "headers-and-links", Body = "body", Both = "both" } default HeadersAndLinks
);
string_enum!(
    /// `previousRel` (C-26).
    PreviousRel { Previous = "previous", Prev = "prev" } default Previous
);
string_enum!(
    /// `filterStyle` (C-28).
    FilterStyle { SingleParam = "single-param", PerField = "per-field", Both = "both" } default SingleParam
);
string_enum!(
    /// `filterOperators`.
    FilterOperators { None = "none", Odata = "odata" } default None
);
string_enum!(
    /// `sortParam` (C-29).
    SortParam { Sort = "sort", SortBy = "sort_by" } default Sort
);
string_enum!(
    /// `unknownQueryParams` (PAGE-009).
    UnknownQueryParams { Reject = "reject", Ignore = "ignore" } default Reject
);
string_enum!(
    /// `versioning` (C-02).
    Versioning { MediaType = "media-type", UriPath = "uri-path", Query = "query", None = "none" } default MediaType
);
string_enum!(
    /// `unsupportedRequestVersionStatus` (C-32).
    UnsupportedRequestVersionStatus { NotAcceptable406 = "406", UnsupportedMediaType415 = "415" } default NotAcceptable406
);
string_enum!(
    /// `notAcceptableBody` (C-18).
    NotAcceptableBody { MediaTypeArray = "media-type-array", ErrorObject = "error-object" } default MediaTypeArray
);
string_enum!(
    /// `undefinedMethodStatus` (C-16).
    UndefinedMethodStatus { MethodNotAllowed405 = "405", NotFound404 = "404" } default MethodNotAllowed405
);
string_enum!(
    /// `deletedResourceStatus` (C-17).
    DeletedResourceStatus { NotFound404 = "404", Gone410 = "410" } default NotFound404
);
string_enum!(
    /// `validationErrorStatus` (C-21).
    ValidationErrorStatus { Split = "split", BadRequest400 = "400" } default Split
);
string_enum!(
    /// `duplicateCreateStatus` (C-37).
    DuplicateCreateStatus { Conflict409 = "409", SeeOther303 = "303" } default Conflict409
);
string_enum!(
    /// `trailingSlashRedirect` (URI-003).
    TrailingSlashRedirect { Moved301 = "301", Permanent308 = "308", Strip = "strip" } default Moved301
);
string_enum!(
    /// `missingPreconditionStatus` (C-14).
    MissingPreconditionStatus { PreconditionRequired428 = "428", Forbidden403 = "403", Conflict409 = "409" } default PreconditionRequired428
);
string_enum!(
    /// `staleEtagStatus` (C-15).
    StaleEtagStatus { PreconditionFailed412 = "412", ConflictIfHistorical = "409-if-historical" } default PreconditionFailed412
);
string_enum!(
    /// `authHeader` (C-22).
    AuthHeader { Authorization = "Authorization", XAuthToken = "X-Auth-Token", XAuthentication = "X-Authentication" } default Authorization
);
string_enum!(
    /// `jsonp` (C-23).
    Jsonp { Off = "off", Callback = "callback", Jsonp = "jsonp" } default Off
);
string_enum!(
    /// `methodOverride` (C-24).
    MethodOverride { Off = "off", Header = "header", HeaderAndQuery = "header+query" } default Off
);
string_enum!(
    /// `corsMode` (C-33).
    CorsMode { Off = "off", Middleware = "middleware" } default Off
);
string_enum!(
    /// `linkStyle` (C-25).
    LinkStyle { AtomArray = "atom-array", RelMap = "rel-map", Hal = "hal" } default AtomArray
);
string_enum!(
    /// `linkMethodAttribute` (C-25).
    LinkMethodAttribute { Forbid = "forbid", Allow = "allow" } default Forbid
);
string_enum!(
    /// `languageHeader` (C-30).
    LanguageHeader { AcceptLanguage = "Accept-Language", XLanguage = "X-Language" } default AcceptLanguage
);
string_enum!(
    /// `validationDiff` (§4).
    ValidationDiff { Strict = "strict", Directional = "directional" } default Strict
);

/// `cors` (§3.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Cors {
    pub paths: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub allow_credentials: bool,
    pub max_age_seconds: u32,
}

impl Default for Cors {
    fn default() -> Self {
        Cors {
            paths: Vec::new(),
            allowed_origins: Vec::new(),
            allow_credentials: false,
            max_age_seconds: 600,
        }
    }
}

/// Every option of RULEBOOK §2.2. Field names are the camelCase keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[allow(clippy::struct_excessive_bools)]
pub struct Options {
    // naming
    pub property_name_case: NameCase,
    pub query_param_name_case: NameCase,
    pub path_segment_case: SegmentCase,
    pub controller_verbs: Vec<String>,
    pub plural_allowlist: Vec<String>,
    pub singular_allowlist: Vec<String>,
    // representations
    pub envelope: Envelope,
    pub envelope_error_data: EnvelopeErrorData,
    pub error_shape: ErrorShape,
    pub collection_shape: CollectionShape,
    pub null_fields: NullFields,
    pub created_body: CreatedBody,
    pub update_success: UpdateSuccess,
    pub delete_success_status: DeleteSuccessStatus,
    pub patch_creates: bool,
    pub xml_support: bool,
    pub file_extensions: FileExtensions,
    pub format_query_param: bool,
    pub require_content_type: bool,
    pub require_content_length: bool,
    pub max_body_bytes: u64,
    // pagination & query
    pub pagination: Pagination,
    pub range_header: bool,
    pub default_limit: u32,
    pub max_limit: u32,
    pub pagination_metadata: PaginationMetadata,
    pub previous_rel: PreviousRel,
    pub filter_style: FilterStyle,
    pub filter_operators: FilterOperators,
    pub sort_param: SortParam,
    pub unknown_query_params: UnknownQueryParams,
    pub count_total: bool,
    // versioning
    pub versioning: Versioning,
    pub max_concurrent_versions: u32,
    pub unsupported_request_version_status: UnsupportedRequestVersionStatus,
    pub not_acceptable_body: NotAcceptableBody,
    // status codes
    pub undefined_method_status: UndefinedMethodStatus,
    pub deleted_resource_status: DeletedResourceStatus,
    pub validation_error_status: ValidationErrorStatus,
    pub mask_forbidden_as404: bool,
    pub duplicate_create_status: DuplicateCreateStatus,
    pub extra_status_codes: Vec<u16>,
    pub trailing_slash_redirect: TrailingSlashRedirect,
    // concurrency
    pub require_preconditions: bool,
    pub missing_precondition_status: MissingPreconditionStatus,
    pub stale_etag_status: StaleEtagStatus,
    // security & cross-origin
    pub allow_local_http: bool,
    pub auth_header: AuthHeader,
    pub allow_query_token: bool,
    pub jsonp: Jsonp,
    pub method_override: MethodOverride,
    pub cors_mode: CorsMode,
    pub cors: Cors,
    // hypermedia
    pub link_style: LinkStyle,
    pub link_method_attribute: LinkMethodAttribute,
    // i18n
    pub language_header: LanguageHeader,
    pub default_language: String,
    // runtime
    pub public_base_url: String,
    // diff
    pub case_change_is_breaking: bool,
    pub validation_diff: ValidationDiff,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            property_name_case: NameCase::default(),
            query_param_name_case: NameCase::default(),
            path_segment_case: SegmentCase::default(),
            controller_verbs: Vec::new(),
            plural_allowlist: Vec::new(),
            singular_allowlist: Vec::new(),
            envelope: Envelope::default(),
            envelope_error_data: EnvelopeErrorData::default(),
            error_shape: ErrorShape::default(),
            collection_shape: CollectionShape::default(),
            null_fields: NullFields::default(),
            created_body: CreatedBody::default(),
            update_success: UpdateSuccess::default(),
            delete_success_status: DeleteSuccessStatus::default(),
            patch_creates: false,
            xml_support: false,
            file_extensions: FileExtensions::default(),
            format_query_param: false,
            require_content_type: false,
            require_content_length: true,
            max_body_bytes: 1_048_576,
            pagination: Pagination::default(),
            range_header: true,
            default_limit: 20,
            max_limit: 200,
            pagination_metadata: PaginationMetadata::default(),
            previous_rel: PreviousRel::default(),
            filter_style: FilterStyle::default(),
            filter_operators: FilterOperators::default(),
            sort_param: SortParam::default(),
            unknown_query_params: UnknownQueryParams::default(),
            count_total: true,
            versioning: Versioning::default(),
            max_concurrent_versions: 2,
            unsupported_request_version_status: UnsupportedRequestVersionStatus::default(),
            not_acceptable_body: NotAcceptableBody::default(),
            undefined_method_status: UndefinedMethodStatus::default(),
            deleted_resource_status: DeletedResourceStatus::default(),
            validation_error_status: ValidationErrorStatus::default(),
            mask_forbidden_as404: false,
            duplicate_create_status: DuplicateCreateStatus::default(),
            extra_status_codes: Vec::new(),
            trailing_slash_redirect: TrailingSlashRedirect::default(),
            require_preconditions: true,
            missing_precondition_status: MissingPreconditionStatus::default(),
            stale_etag_status: StaleEtagStatus::default(),
            allow_local_http: true,
            auth_header: AuthHeader::default(),
            allow_query_token: false,
            jsonp: Jsonp::default(),
            method_override: MethodOverride::default(),
            cors_mode: CorsMode::default(),
            cors: Cors::default(),
            link_style: LinkStyle::default(),
            link_method_attribute: LinkMethodAttribute::default(),
            language_header: LanguageHeader::default(),
            default_language: "zh-CN".to_owned(),
            public_base_url: "https://api.example.com".to_owned(),
            case_change_is_breaking: false,
            validation_diff: ValidationDiff::default(),
        }
    }
}

/// The keys of [`Options`] as written in `.specfirst.yaml`.
#[must_use]
pub fn option_keys() -> Vec<String> {
    match serde_json::to_value(Options::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}
