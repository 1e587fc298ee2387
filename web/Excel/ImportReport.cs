namespace Cascade.Web.Excel;

/// <summary>
/// The answer of <c>POST /api/v1/import</c> (docs/api.md "Import"): the rows read, what they do
/// (a dry run) or did (an apply), and every problem. <see cref="Applied"/> and <see cref="Conflicts"/>
/// only after an apply: the rows applied, and those whose task changed between the check and the
/// apply (409).
/// </summary>
public sealed record ImportReport(
    int Rows, int Create, int Update, int Unchanged, IReadOnlyList<ImportError> Errors,
    bool DryRun, IReadOnlyList<int>? Applied = null, IReadOnlyList<ImportError>? Conflicts = null);
