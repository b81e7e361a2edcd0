using Telc.Diff;
using Telc.Emit;

namespace Telc.Tests.Diff;

public sealed class TreeDiffTests
{
    private static ManifestObject Object(string yaml) => ManifestReader.Read([new OutputFile("clusters/c1/x/object.yaml", yaml)]).Single();

    private static IReadOnlyList<FieldChange> Compare(string before, string after) => TreeDiff.Compare(Object(before).Root, Object(after).Root);

    [Fact]
    public void Named_list_items_are_matched_by_name_not_position()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - { name: a, image: a:1 }\n    - { name: b, image: b:1 }\n",
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - { name: b, image: b:2 }\n    - { name: a, image: a:1 }\n");

        var change = Assert.Single(changes);
        Assert.Equal(new FieldChange("spec.containers[name=b].image", ChangeKind.Changed, "b:1", "b:2"), change);
    }

    [Fact]
    public void Embedded_json_and_yaml_files_are_compared_by_structure()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  dash.json: '{\"panels\": [{\"id\": 1, \"title\": \"old\"}]}'\n  prometheus.yml: |\n    global:\n      scrape_interval: 30s\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  dash.json: '{\"panels\": [{\"id\": 1, \"title\": \"new\"}]}'\n  prometheus.yml: |\n    global:\n      scrape_interval: 1m\n");

        Assert.Equal(
            [
                new FieldChange("data[\"dash.json\"] › panels[0].title", ChangeKind.Changed, "old", "new"),
                new FieldChange("data[\"prometheus.yml\"] › global.scrape_interval", ChangeKind.Changed, "30s", "1m"),
            ],
            changes);
    }

    [Fact]
    public void A_file_that_stops_parsing_is_shown_as_a_changed_string()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  a.yaml: 'x: 1'\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  a.yaml: 'x: [1'\n");

        Assert.Equal(new FieldChange("data[\"a.yaml\"]", ChangeKind.Changed, "x: 1", "x: [1"), Assert.Single(changes));
    }

    [Fact]
    public void Secret_data_is_never_printed_only_which_keys_changed()
    {
        var before = ManifestReader.Read([new OutputFile("clusters/c1/s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  token: c2VjcmV0MQ==\n  gone: eA==\n")]);
        var after = ManifestReader.Read([new OutputFile("clusters/c1/s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  token: c2VjcmV0Mg==\nstringData:\n  new: plain-secret\n")]);
        var report = SpecDifferForObjects(before, after);

        var fields = report.Single().Fields;
        Assert.Equal(["data[\"gone\"]", "data[\"token\"]", "stringData[\"new\"]"], fields.Select(f => f.Path).Order(StringComparer.Ordinal));
        var printed = string.Join("\n", fields.Select(f => $"{f.Before} {f.After}"));
        Assert.DoesNotContain("c2Vj", printed);
        Assert.DoesNotContain("plain-secret", printed);
        Assert.DoesNotContain("eA==", printed);
        Assert.Contains(SecretValues.Hidden, printed);
    }

    [Fact]
    public void Credential_fields_and_url_passwords_are_hidden_anywhere()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  am.yml: |\n    global: { smtp_auth_password: hunter1, url: 'https://bob:pw1@example.com/x' }\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  am.yml: |\n    global: { smtp_auth_password: hunter2, url: 'https://bob:pw2@example.com/x', api_key: k3y, password_file: /etc/p }\n");

        var printed = string.Join("\n", changes.Select(f => $"{f.Path} {f.Before} {f.After}"));
        Assert.DoesNotContain("hunter", printed);
        Assert.DoesNotContain("pw1", printed);
        Assert.DoesNotContain("pw2", printed);
        Assert.DoesNotContain("k3y", printed);
        Assert.Contains("https://***@example.com/x", printed);
        Assert.Contains("password_file", printed);
        Assert.Contains("/etc/p", printed);
    }

    [Fact]
    public void Credentials_the_first_masking_missed_are_hidden_too()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  c.yml: |\n    { aws_secret_access_key: old-aws-value, authorization: old-auth-value, secretKey: old-key-value, password: 11112222, url: 'https://bob:p@ss1@example.com/x', hook: 'https://h.example/x?sig=oldsig&v=1', smarthost: 'ops:oldpw@smtp.example:587' }\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata:\n  c.yml: |\n    { aws_secret_access_key: new-aws-value, authorization: new-auth-value, secretKey: new-key-value, password: 33334444, url: 'https://bob:p@ss2@example.com/x', hook: 'https://h.example/x?sig=newsig&v=1', smarthost: 'ops:newpw@smtp.example:587' }\n");

        var printed = string.Join("\n", changes.Select(f => $"{f.Path} {f.Before} {f.After}"));
        foreach (var secret in new[] { "aws-value", "auth-value", "key-value", "1111", "3333", "ss1", "ss2", "oldsig", "newsig", "oldpw", "newpw" })
        {
            Assert.DoesNotContain(secret, printed);
        }

        Assert.Contains("https://***@example.com/x", printed);
        Assert.Contains("?sig=***&v=1", printed);
    }

    [Fact]
    public void Lists_of_plain_values_compare_as_sets()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nargs: [--a, --b=1, --c]\n",
            "apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nargs: [--c, --a, --b=2]\n");

        Assert.Equal(
            [new FieldChange("args[]", ChangeKind.Added, null, "--b=2"), new FieldChange("args[]", ChangeKind.Removed, "--b=1", null)],
            changes);
    }

    private static IReadOnlyList<ObjectDiff> SpecDifferForObjects(IEnumerable<ManifestObject> before, IEnumerable<ManifestObject> after) =>
        SpecDiffer.Objects(before, after);
}
