using System.Text.Json;

namespace Xuncha.IntegrationTests;

/// <summary>Pool members for tests, enrolled over the API by an office client.</summary>
public static class PoolHelper
{
    public static async Task<(Dictionary<string, Guid> Ranks, Dictionary<string, Guid> Professions)> ListsAsync(HttpClient client)
    {
        var lists = await (await client.GetAsync("/api/v1/pool/lists")).JsonAsync();
        static Dictionary<string, Guid> Map(JsonElement e) =>
            e.EnumerateArray().ToDictionary(x => x.GetProperty("name").GetString()!, x => x.GetProperty("id").GetGuid());
        return (Map(lists.GetProperty("ranks")), Map(lists.GetProperty("professions")));
    }

    /// <summary>Enrols a member (decided by the office, confirmed for the year) and returns their pool id.</summary>
    public static async Task<Guid> EnrolAsync(XunchaApp app, HttpClient office, string name, string orgCode, string rank = "正科",
        bool leaderEligible = false, Guid? userId = null, bool fullTime = false, params string[] professions)
    {
        var (ranks, profs) = await ListsAsync(office);
        var r = await office.PostAsJsonAsync("/api/v1/pool", new
        {
            name, organizationId = await app.OrgIdAsync(orgCode), rankId = ranks[rank], leaderEligible, fullTime, userId,
            professionIds = professions.Select(p => profs[p]).ToArray(), reason = "测试入库",
        });
        return (await r.JsonAsync(HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid();
    }
}
