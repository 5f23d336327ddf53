using System.Text;
using BalancFunctions.Domain;
using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Questionnaire;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace BalancFunctions.Functions.Api;

/// <summary>
/// What the entities' site reads besides balances: the questionnaire definition, so that a new
/// version needs no site release, and an agreement's calendar feed of due dates and reminders.
/// </summary>
public sealed class SiteDataHandler(QuestionnaireCatalog catalog, AgreementStates states, SubmissionTokens tokens, Links links, TimeProvider clock)
{
    /// <summary><c>GET /api/questionnaires/{version}</c>, or <c>current</c> for the newest: the data file as stored.</summary>
    public ApiResult GetQuestionnaire(HttpRequest request, string version)
    {
        ArgumentNullException.ThrowIfNull(request);
        string resolved = version == "current" ? catalog.Current.Version : version;
        string? json = catalog.TryGet(resolved, out _) ? QuestionnaireCatalog.ReadEmbeddedJson(resolved) : null;
        if (json is null)
        {
            return Problems.NotFound(RequestBodies.Language(request), "version", version);
        }

        return ApiResult.Bytes(
            StatusCodes.Status200OK,
            "application/json; charset=utf-8",
            Encoding.UTF8.GetBytes(json),
            new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=3600" });
    }

    /// <summary><c>GET /api/agreements/{id}/calendar.ics?token=…</c>: the agreement's due dates as iCalendar, built from its current state.</summary>
    public async Task<ApiResult> GetCalendarAsync(HttpRequest request, string agreementId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        agreementId = Ids.Normalize(agreementId) ?? string.Empty;
        Language language = RequestBodies.Language(request);
        string? token = request.Query["token"];
        if (string.IsNullOrEmpty(token))
        {
            return SubmissionHandler.TokenRequired(language);
        }

        LoadedAgreement? loaded = Ids.IsValid(agreementId) && tokens.IsValid(agreementId, token)
            ? await states.LoadAsync(agreementId, cancellationToken)
            : null;
        if (loaded is null)
        {
            return SubmissionHandler.TokenInvalid(language);
        }

        string calendar = AgreementCalendar.Write(
            loaded.State.Agreement,
            DueDates.Compute(loaded.State.Agreement, loaded.State.Extensions),
            loaded.State.Policy,
            links.Form(agreementId),
            clock.GetUtcNow());
        return ApiResult.Bytes(
            StatusCodes.Status200OK,
            "text/calendar; charset=utf-8",
            Encoding.UTF8.GetBytes(calendar),
            new Dictionary<string, string>
            {
                ["Content-Disposition"] = $"inline; filename=\"balanc-{agreementId}.ics\"",
                ["Cache-Control"] = "private, max-age=300",
            });
    }
}
