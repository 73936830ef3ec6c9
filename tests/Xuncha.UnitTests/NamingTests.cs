using Xuncha.Data;

namespace Xuncha.UnitTests;

public class NamingTests
{
    [Theory]
    [InlineData("OrganizationId", "organization_id")]
    [InlineData("NormalizedUserName", "normalized_user_name")]
    [InlineData("Id", "id")]
    [InlineData("UserRoles", "user_roles")]
    [InlineData("PrevHash", "prev_hash")]
    public void Snake_case(string name, string expected) => SnakeCaseNames.Convert(name).ShouldBe(expected);
}
