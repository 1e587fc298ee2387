using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Vml;
using DocumentFormat.OpenXml.Vml.Office;
using DocumentFormat.OpenXml.Vml.Spreadsheet;

namespace Cascade.Web.Excel;

/// <summary>
/// The legacy (VML) drawing Excel shows cell comments by: one hidden note shape per heading of the
/// template, built from the Open XML SDK's VML types and written with its writer.
/// </summary>
public static class ImportTemplateDrawing
{
    public static void Write(VmlDrawingPart part, int columns)
    {
        using var stream = part.GetStream(FileMode.Create);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartElement(new OpenXmlUnknownElement("xml"), [],
        [
            new("v", "urn:schemas-microsoft-com:vml"), new("o", "urn:schemas-microsoft-com:office:office"),
            new("x", "urn:schemas-microsoft-com:office:excel"),
        ]);
        writer.WriteElement(new ShapeLayout(new ShapeIdMap { Extension = ExtensionHandlingBehaviorValues.Edit, Data = "1" }) { Extension = ExtensionHandlingBehaviorValues.Edit });
        writer.WriteElement(new Shapetype(
            new Stroke { JoinStyle = StrokeJoinStyleValues.Miter },
            new DocumentFormat.OpenXml.Vml.Path { AllowGradientShape = true, ConnectionPointType = ConnectValues.Rectangle })
        {
            Id = "_x0000_t202", CoordinateSize = "21600,21600", OptionalNumber = 202, EdgePath = "m,l,21600r21600,l21600,xe",
        });
        for (var i = 0; i < columns; i++)
        {
            writer.WriteElement(new Shape(
                new Fill { Color2 = "#ffffe1" },
                new Shadow { On = true, Color = "black", Obscured = true },
                new DocumentFormat.OpenXml.Vml.Path { ConnectionPointType = ConnectValues.None },
                new TextBox { Style = "mso-direction-alt:auto" },
                new ClientData(
                    new MoveWithCells(), new ResizeWithCells(),
                    new Anchor($"{i + 1}, 15, 0, 2, {i + 3}, 15, 5, 16"),
                    new AutoFill("False"), new HorizontalTextAlignment("Left"),
                    new CommentRowTarget("0"), new CommentColumnTarget(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                { ObjectType = ObjectValues.Note })
            {
                Id = $"_x0000_s{1025 + i}", Type = "#_x0000_t202", FillColor = "#ffffe1", InsetMode = InsetMarginValues.Auto,
                Style = $"position:absolute;margin-left:{60 + 70 * i}pt;margin-top:2pt;width:180pt;height:80pt;z-index:{i + 1};visibility:hidden",
            });
        }
        writer.WriteEndElement();
    }
}
