using System.Security.Cryptography;
using System.Text;

namespace Telc.Lowering;

/// <summary>
/// The KRaft cluster id of a Kafka telc runs. Every broker formats its storage with it on first start and refuses a
/// volume formatted with another, so it must be the same on every broker and in every render, and must not change as
/// long as the volumes live. It is derived from what names those volumes (the cluster, its namespace and the backend),
/// never from settings that change: a render is deterministic, and no id has to be generated and kept by hand. It is
/// not a secret. Its form is Kafka's: 16 bytes as unpadded base64url, not starting with '-' (which the tools would
/// take for an option) and not one of the ids Kafka reserves (all zeros, and the metadata topic's 0…01).
/// </summary>
public static class KafkaClusterId
{
    public static string For(string cluster, string ns, string backend)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"telc kafka cluster id\n{cluster}\n{ns}\n{backend}\n{attempt}"))[..16];
            var id = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            if (!id.StartsWith('-') && !Reserved(bytes))
            {
                return id;
            }
        }
    }

    private static bool Reserved(byte[] bytes) => bytes[..15].All(b => b == 0) && bytes[15] <= 1;
}
