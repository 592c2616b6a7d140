using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace PareNetwork.Web.Contributions.Uploads;

/// <summary>
/// Images are re-encoded from their pixels alone: EXIF (the camera, the date, the photo's GPS position), XMP, IPTC,
/// ICC and PNG text chunks are dropped. The orientation EXIF carried is applied to the pixels first, so the picture
/// still shows the right way up.
/// </summary>
public static class ImageScrubber
{
    /// <summary>Writes the cleaned image to <paramref name="destination"/>; false when it is not a decodable image of that type or is too large.</summary>
    public static bool TryScrub(string source, string destination, UploadedFileType type, long maxPixels)
    {
        try
        {
            var info = Image.Identify(source);
            if (info is null || (long)info.Width * info.Height > maxPixels)
            {
                return false;
            }
            using var image = Image.Load(source);
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            foreach (var frame in image.Frames)
            {
                frame.Metadata.ExifProfile = null;
                frame.Metadata.XmpProfile = null;
                frame.Metadata.IptcProfile = null;
                frame.Metadata.IccProfile = null;
            }
            if (type == UploadedFileType.Png)
            {
                image.Metadata.GetPngMetadata().TextData.Clear();
                image.SaveAsPng(destination, new PngEncoder());
            }
            else
            {
                image.SaveAsJpeg(destination, new JpegEncoder { Quality = 90 });
            }
            return true;
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException)
        {
            return false;
        }
    }
}
