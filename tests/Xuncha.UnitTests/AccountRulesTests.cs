using Xuncha.Accounts;
using Xuncha.Common;

namespace Xuncha.UnitTests;

public class AccountRulesTests
{
    [Theory]
    [InlineData("short1A!", false)]          // 8 characters
    [InlineData("alllowercaseletters", false)] // one class
    [InlineData("lowercase123456", false)]   // two classes
    [InlineData("Lowercase123456", true)]    // three classes
    [InlineData("lower-case-words!", false)] // two classes: lower + symbol
    [InlineData("lower-case-words-9", true)] // three
    [InlineData("Abcdefgh1!", true)]         // exactly 10, four classes
    [InlineData("Abcdefg1!", false)]         // 9
    public void Baseline_password_policy(string password, bool ok) =>
        PasswordPolicyValidator.Check(SecurityPolicy.Baseline(), "someone", password).Any().ShouldBe(!ok);

    [Fact]
    public void Password_may_not_contain_the_user_name()
    {
        var errors = PasswordPolicyValidator.Check(SecurityPolicy.Baseline(), "wangxiao", "Wangxiao-2026!").ToList();
        errors.ShouldHaveSingleItem().ShouldBe("密码不能包含用户名。");
    }

    [Fact]
    public void Stricter_policy_applies()
    {
        var policy = SecurityPolicy.Baseline();
        policy.Update(14, 4, 3, 30);
        PasswordPolicyValidator.Check(policy, "x", "Lowercase123456").ShouldContain("密码须包含大写字母、小写字母、数字、其他符号中的至少 4 类。");
        PasswordPolicyValidator.Check(policy, "x", "Abc-12345678").ShouldContain("密码至少 14 个字符。");
    }

    [Theory]
    [InlineData(9, 3, 5, 15, "passwordMinLength")]
    [InlineData(10, 2, 5, 15, "passwordCharClasses")]
    [InlineData(10, 3, 6, 15, "maxFailedAttempts")]
    [InlineData(10, 3, 5, 14, "lockoutMinutes")]
    [InlineData(65, 3, 5, 15, "passwordMinLength")]
    public void Policy_cannot_be_weaker_than_the_baseline(int length, int classes, int failures, int minutes, string field)
    {
        var e = Should.Throw<ValidationException>(() => SecurityPolicy.Baseline().Update(length, classes, failures, minutes));
        e.Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public void One_time_passwords_meet_the_strictest_policy()
    {
        var strict = SecurityPolicy.Baseline();
        strict.Update(14, 4, 5, 15);
        for (var i = 0; i < 200; i++)
        {
            var p = OneTimePassword.Generate();
            PasswordPolicyValidator.Check(strict, "user", p).ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData(new[] { Role.SysAdmin }, true)]
    [InlineData(new[] { Role.SysAdmin, Role.SecAdmin }, false)]
    [InlineData(new[] { Role.SecAdmin, Role.AuditAdmin }, false)]
    [InlineData(new[] { Role.AuditAdmin, Role.Office }, false)]
    [InlineData(new[] { Role.Office, Role.GroupLeader }, true)]
    [InlineData(new Role[0], true)]
    public void Three_administrators_are_kept_apart(Role[] roles, bool ok)
    {
        if (ok) RoleRules.Check(roles, null);
        else Should.Throw<ValidationException>(() => RoleRules.Check(roles, null)).Errors["roles"][0].ShouldContain("不能兼任");
    }

    [Fact]
    public void A_unit_liaison_belongs_to_an_organisation()
    {
        Should.Throw<ValidationException>(() => RoleRules.Check([Role.Unit], null)).Errors.Keys.ShouldContain("organizationId");
        RoleRules.Check([Role.Unit], Guid.NewGuid());
    }

    [Fact]
    public void Administrators_read_no_business_data()
    {
        foreach (var admin in new[] { Role.SysAdmin, Role.SecAdmin, Role.AuditAdmin })
        {
            admin.Grants(Permission.ViewOrganizations).ShouldBeFalse();
            admin.Grants(Permission.ManageOrganizations).ShouldBeFalse();
        }
        Role.SysAdmin.Grants(Permission.ManageRoles).ShouldBeFalse();
        Role.SecAdmin.Grants(Permission.ManageAccounts).ShouldBeFalse();
        Role.AuditAdmin.Grants(Permission.ManageAccounts).ShouldBeFalse();
        Permissions.RolesGranting(Permission.ReadAudit).ShouldBe([Role.AuditAdmin]);
    }

    [Fact]
    public void Role_keys_round_trip()
    {
        foreach (var r in Roles.All)
        {
            Roles.TryParse(r.Key(), out var back).ShouldBeTrue();
            back.ShouldBe(r);
            r.DisplayName().ShouldNotBeNullOrWhiteSpace();
        }
        Roles.TryParse("root", out _).ShouldBeFalse();
    }
}
