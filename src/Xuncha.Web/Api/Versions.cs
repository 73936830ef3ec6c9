namespace Xuncha.Web.Api;

/// <summary>
/// Every change to an editable record names the version it was read at (409 when someone saved since); without
/// one it is refused (400), so that no client overwrites what it never saw. For a record that may not exist yet
/// (a template, a policy, a calendar day) the version of "none yet" is 0.
/// </summary>
public static class Versions
{
    public static uint Required(uint? version) => version ?? throw new ValidationException("version", Messages.Error_VersionRequired);
}
