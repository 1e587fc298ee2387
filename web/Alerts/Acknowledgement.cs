namespace Cascade.Web.Alerts;

/// <summary>
/// The body of <c>POST /api/v1/alerts/{alertId}/acknowledge</c> as the OpenAPI document shows it
/// (read field by field in <see cref="AlertsApi"/>).
/// </summary>
/// <param name="Note">1 to <see cref="AlertsApi.MaxNote"/> characters: what is being done about it.</param>
public sealed record Acknowledgement(string Note);
