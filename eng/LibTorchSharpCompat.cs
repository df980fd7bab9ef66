// Marks the GLIBCXX_3.4.32 version requirement of libLibTorchSharp.so weak, so that the dynamic loader accepts a
// system libstdc++ that predates GCC 13 (Debian 12, Ubuntu 22.04). The only symbol that asks for that version is
// _ZSt21ios_base_library_initv, a start-up marker nothing calls; libtorch itself needs GLIBCXX_3.4.26.
// Compiled by MSBuild's RoslynCodeTaskFactory (see eng/LibTorchSharpCompat.targets).
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkGlibcxxRequirementWeak : Task
{
    private const string Version = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (SystemLibstdcxxHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, "System libstdc++ provides " + Version + "; libLibTorchSharp.so left unchanged.");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                if (Patch(path))
                    Log.LogMessage(MessageImportance.High, "Marked " + Version + " weak in " + path + " (system libstdc++ lacks it).");
            }
            catch (Exception ex)
            {
                Log.LogError("Cannot patch " + path + ": " + ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static bool SystemLibstdcxxHasVersion()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };
        var needle = Encoding.ASCII.GetBytes(Version + "\0");
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            var bytes = File.ReadAllBytes(candidate);
            return IndexOf(bytes, needle) >= 0;
        }
        return true; // No libstdc++ where we know to look: not a system this patch is for.
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    /// <summary>Sets VER_FLG_WEAK on the Elf64_Vernaux entry named GLIBCXX_3.4.32; returns whether the file changed.</summary>
    private static bool Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3a), shnum = BitConverter.ToUInt16(elf, 0x3c);
        for (var s = 0; s < shnum; s++)
        {
            var sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            var offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
            var link = BitConverter.ToUInt32(elf, (int)sh + 0x28);
            var strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + link * shentsize) + 0x18);
            var changed = false;
            for (var vn = offset; ; )
            {
                int count = BitConverter.ToUInt16(elf, (int)vn + 2);
                var aux = vn + BitConverter.ToUInt32(elf, (int)vn + 8);
                for (var a = 0; a < count; a++)
                {
                    var name = ReadCString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                    var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                    if (name == Version && (flags & VerFlgWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, (int)aux + 4);
                        changed = true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                var next = BitConverter.ToUInt32(elf, (int)vn + 12);
                if (next == 0) break;
                vn += next;
            }
            if (!changed) return false;
            var temporary = path + ".patching";
            File.WriteAllBytes(temporary, elf);
            File.Replace(temporary, path, null); // rename(2) on Unix: never a half-written library
            return true;
        }
        return false;
    }

    private static string ReadCString(byte[] bytes, long start)
    {
        var end = start;
        while (bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }
}
