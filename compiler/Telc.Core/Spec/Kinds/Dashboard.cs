using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("A Grafana dashboard: from a preset, from a Grafana JSON file, or built from panels. Exactly one source is set.")]
[ExactlyOneOf("preset", "file", "panels")]
public sealed record DashboardSpec(
    [Doc("Grafana backend showing it; every Grafana when left out."), Reference(SymbolKind.Backend)] Located<string>? Grafana,
    [Doc("Default data source of the panels; the only Prometheus when left out."), Reference(SymbolKind.Backend)] Located<string>? Datasource,
    [Doc("Grafana folder; the owning team's folder when left out.")] string? Folder,
    [Doc("Dashboard title; the document name when left out.")] string? Title,
    [Doc("Tags shown in Grafana's dashboard list.")] ImmutableArray<string> Tags,
    [Doc("A dashboard from the preset catalog.")] PresetUse? Preset,
    [Doc("Path of a Grafana dashboard JSON file, relative to this document's file.")] Located<string>? File,
    [Doc("Panels, laid out in rows of two.")] ImmutableArray<Panel> Panels) : SpecNode;

public enum PanelVisual
{
    Timeseries,
    Stat,
    Gauge,
    Table,
    Bar,
}

[Doc("One panel: a query and how to show it.")]
public sealed record Panel(
    [Doc("Panel title.")] string Title,
    [Doc("The query: PromQL for a Prometheus data source, LogQL for a Loki (Grafana variables such as $__auto allowed).")] Located<string> Query,
    [Doc("How the result is drawn."), Default(PanelVisual.Timeseries)] PanelVisual Visual,
    [Doc("Grafana unit, e.g. percentunit, s, bytes.")] string? Unit,
    [Doc("Legend template, e.g. {{pod}}.")] string? Legend) : SpecNode;
