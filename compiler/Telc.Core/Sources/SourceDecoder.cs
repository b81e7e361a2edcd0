using System.Text;
using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Sources;

/// <summary>Turns a file's bytes into text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is a diagnostic.</summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceFile? Decode(byte[] bytes, string path, string specPath, ICollection<Diagnostic> diagnostics)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var utf16 = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return new SourceFile(path, specPath, utf16.GetString(bytes, 2, bytes.Length - 2));
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var invalidAt = FindInvalidUtf8(bytes, start);
        if (invalidAt >= 0)
        {
            var valid = new SourceFile(path, specPath, StrictUtf8.GetString(bytes, start, invalidAt - start));
            diagnostics.Add(Diagnostic.At(
                DiagnosticCatalogue.InvalidEncoding,
                valid.Locate(new TextSpan(valid.Text.Length, 0)),
                $"byte 0x{bytes[invalidAt]:X2} at offset {invalidAt} is not valid UTF-8",
                "save the file as UTF-8; spec files must be text"));
            return null;
        }

        return new SourceFile(path, specPath, StrictUtf8.GetString(bytes, start, bytes.Length - start));
    }

    private static int FindInvalidUtf8(byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            return -1;
        }

        while (!span.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(span, out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return bytes.Length - span.Length;
            }

            span = span[consumed..];
        }

        return -1;
    }
}
