// Hand-written request body of Kibana's create data view API, POST /api/data_views/data_view (Kibana 9.x).
// The Elasticsearch client has no Kibana types, so this follows Kibana's own documentation and route validation:
//   - API doc: https://www.elastic.co/docs/api/doc/kibana/operation/operation-createdataviewdefaultw
//   - route body: elastic/kibana src/platform/plugins/shared/data_views/server/rest_api_routes/public/create_data_view.ts
//     ({ override?, refresh_fields?, data_view }, validated with @kbn/config-schema, which rejects unknown keys)
//   - data_view spec: elastic/kibana src/platform/plugins/shared/data_views/server/rest_api_routes/schema.ts (dataViewSpecSchema)
// Only `data_view.title` (the index pattern, e.g. "logs-*") is required.

/** Runtime field types Kibana accepts in runtimeFieldMap (PRIMITIVE_RUNTIME_FIELD_TYPES plus composite). */
export type KibanaRuntimeFieldType = "keyword" | "long" | "double" | "date" | "ip" | "boolean" | "geo_point" | "composite";

export interface KibanaSerializedFieldFormat {
  id?: string;
  params?: unknown;
}

export interface KibanaRuntimeField {
  type: KibanaRuntimeFieldType;
  script?: { source: string };
  /** Sub-fields of a composite runtime field. */
  fields?: Record<string, { type: Exclude<KibanaRuntimeFieldType, "composite">; format?: KibanaSerializedFieldFormat; customLabel?: string; customDescription?: string; popularity?: number }>;
  format?: KibanaSerializedFieldFormat;
  customLabel?: string;
  customDescription?: string;
  popularity?: number;
}

export interface KibanaDataViewSpec {
  /** Comma-separated data streams, indices and aliases the data view matches; wildcards allowed. Required. */
  title: string;
  /** Human-readable display name. */
  name?: string;
  /** Time field for time-based data views, e.g. "@timestamp". */
  timeFieldName?: string;
  /** Data view id; generated when absent. */
  id?: string;
  version?: string;
  /** "rollup" for rollup data views. */
  type?: string;
  sourceFilters?: { value: string; clientId?: string | number }[];
  /** Field specs; Kibana ignores unknown keys inside each field spec. */
  fields?: Record<string, { name: string; type?: string; [key: string]: unknown }>;
  typeMeta?: Record<string, unknown>;
  fieldFormats?: Record<string, KibanaSerializedFieldFormat>;
  fieldAttrs?: Record<string, { customLabel?: string; customDescription?: string; count?: number }>;
  allowNoIndex?: boolean;
  runtimeFieldMap?: Record<string, KibanaRuntimeField>;
  /** Spaces the data view is shared with. */
  namespaces?: string[];
  /** Match hidden indices too. */
  allowHidden?: boolean;
}

/** Body of POST /api/data_views/data_view (send with header `kbn-xsrf: true`). */
export interface KibanaCreateDataViewRequestBody {
  data_view: KibanaDataViewSpec;
  /** Replace an existing data view with the same title (default false). */
  override?: boolean;
  refresh_fields?: boolean;
}
