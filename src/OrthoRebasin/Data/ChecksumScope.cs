namespace OrthoRebasin.Data;

/// <summary>Which bytes of a downloaded file its expected checksum covers.</summary>
public enum ChecksumScope
{
    /// <summary>The file as served.</summary>
    AsStored,

    /// <summary>The gunzipped payload, for sources whose only canonical digest is of the uncompressed file.</summary>
    GzipPayload,
}
