using Xuncha.Common;
using Xuncha.Organizations;

namespace Xuncha.UnitTests;

public class OrganizationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(OrganizationType.Committee, null, true)]
    [InlineData(OrganizationType.Committee, OrganizationType.Committee, true)]
    [InlineData(OrganizationType.SecondaryCommittee, OrganizationType.Committee, true)]
    [InlineData(OrganizationType.SecondaryCommittee, null, false)]
    [InlineData(OrganizationType.SecondaryCommittee, OrganizationType.SecondaryCommittee, false)]
    [InlineData(OrganizationType.GeneralBranch, OrganizationType.Committee, true)]
    [InlineData(OrganizationType.GeneralBranch, OrganizationType.SecondaryCommittee, true)]
    [InlineData(OrganizationType.GeneralBranch, OrganizationType.GeneralBranch, false)]
    [InlineData(OrganizationType.DirectBranch, OrganizationType.Committee, true)]
    [InlineData(OrganizationType.DirectBranch, OrganizationType.SecondaryCommittee, false)]
    [InlineData(OrganizationType.Branch, OrganizationType.SecondaryCommittee, true)]
    [InlineData(OrganizationType.Branch, OrganizationType.GeneralBranch, true)]
    [InlineData(OrganizationType.Branch, OrganizationType.Committee, false)]
    [InlineData(OrganizationType.Branch, OrganizationType.Branch, false)]
    [InlineData(OrganizationType.Branch, null, false)]
    [InlineData(OrganizationType.Department, OrganizationType.Committee, true)]
    [InlineData(OrganizationType.Department, OrganizationType.SecondaryCommittee, true)]
    [InlineData(OrganizationType.Department, OrganizationType.Branch, false)]
    public void Where_each_kind_may_sit(OrganizationType child, OrganizationType? parent, bool allowed) =>
        child.MayBeUnder(parent).ShouldBe(allowed);

    [Fact]
    public void Creating_under_a_parent_of_the_wrong_kind_is_refused_with_the_reason()
    {
        var root = Org("MD", OrganizationType.Committee, null);
        var branch = Org("B", OrganizationType.Branch, Org("S", OrganizationType.SecondaryCommittee, root));
        var e = Should.Throw<DomainException>(() => Org("X", OrganizationType.SecondaryCommittee, branch));
        e.Message.ShouldBe("“二级党委”不能设在“党支部”之下。");
    }

    [Fact]
    public void Path_lists_ancestors_so_ancestry_is_a_prefix_test_both_ways()
    {
        var root = Org("MD", OrganizationType.Committee, null);
        var college = Org("C", OrganizationType.SecondaryCommittee, root);
        var branch = Org("B", OrganizationType.Branch, college);
        var other = Org("O", OrganizationType.SecondaryCommittee, root);

        branch.Path.ShouldBe($"/{root.Id:N}/{college.Id:N}/{branch.Id:N}/");
        branch.Depth.ShouldBe(3);
        root.IsAncestorOf(branch).ShouldBeTrue();
        college.IsRelatedTo(branch).ShouldBeTrue();
        branch.IsRelatedTo(college).ShouldBeTrue();
        other.IsRelatedTo(branch).ShouldBeFalse();
        branch.IsAncestorOf(branch).ShouldBeFalse();
    }

    [Fact]
    public void Moving_carries_the_subtree_and_refuses_cycles()
    {
        var root = Org("MD", OrganizationType.Committee, null);
        var a = Org("A", OrganizationType.SecondaryCommittee, root);
        var b = Org("B", OrganizationType.SecondaryCommittee, root);
        var branch = Org("AB", OrganizationType.Branch, a);

        Should.Throw<DomainException>(() => a.MoveTo(a, [branch])).Message.ShouldContain("自己或它的下级");
        Should.Throw<DomainException>(() => branch.MoveTo(branch, []));

        branch.MoveTo(b, []);
        branch.ParentId.ShouldBe(b.Id);
        branch.Path.ShouldStartWith(b.Path);

        var sub = Org("G", OrganizationType.GeneralBranch, a);
        var leaf = Org("GL", OrganizationType.Branch, sub);
        sub.MoveTo(b, [leaf]);
        leaf.Path.ShouldBe(sub.Path + leaf.Id.ToString("N") + "/");
        Should.Throw<DomainException>(() => sub.MoveTo(leaf, [leaf])).Message.ShouldContain("自己或它的下级");
    }

    [Theory]
    [InlineData(true, false, true)]   // active, no active children: deactivates
    [InlineData(true, true, false)]   // active children: refused
    [InlineData(false, false, false)] // already inactive: refused
    public void Deactivation(bool active, bool activeChildren, bool succeeds)
    {
        var org = Org("A", OrganizationType.Committee, null);
        if (!active) org.Deactivate(false);
        if (succeeds)
        {
            org.Deactivate(activeChildren);
            org.IsActive.ShouldBeFalse();
        }
        else Should.Throw<DomainException>(() => org.Deactivate(activeChildren));
    }

    [Fact]
    public void Reactivation_needs_an_active_parent_and_an_inactive_organisation()
    {
        var root = Org("MD", OrganizationType.Committee, null);
        var child = Org("C", OrganizationType.SecondaryCommittee, root);
        Should.Throw<DomainException>(() => child.Reactivate(root)).Message.ShouldBe("该组织已是启用状态。");
        child.Deactivate(false);
        root.Deactivate(false);
        Should.Throw<DomainException>(() => child.Reactivate(root)).Message.ShouldBe("上级组织已停用。");
        root.Reactivate(null);
        child.Reactivate(root);
        child.IsActive.ShouldBeTrue();
    }

    [Fact]
    public void Depth_is_limited()
    {
        Organization parent = Org("L1", OrganizationType.Committee, null);
        for (var i = 2; i <= Organization.MaxDepth; i++) parent = Org("L" + i, OrganizationType.Committee, parent);
        Should.Throw<DomainException>(() => Org("TOO-DEEP", OrganizationType.Committee, parent)).Message.ShouldContain("8");
    }

    [Fact]
    public void A_term_must_end_after_it_starts_and_knows_overlaps()
    {
        Should.Throw<ValidationException>(() => Term.Create(Guid.NewGuid(), Guid.NewGuid(), "十三届", new(2027, 1, 1), new(2026, 1, 1)));
        var t = Term.Create(Guid.NewGuid(), Guid.NewGuid(), "十三届", new(2022, 6, 1), new(2027, 5, 31));
        t.Contains(new DateOnly(2026, 11, 21)).ShouldBeTrue();
        t.Overlaps(new(2027, 5, 31), new(2032, 5, 31)).ShouldBeTrue();
        t.Overlaps(new(2027, 6, 1), new(2032, 5, 31)).ShouldBeFalse();
    }

    private static Organization Org(string code, OrganizationType type, Organization? parent) =>
        Organization.Create(Guid.CreateVersion7(), code, code, type, parent, null, 0, Now);
}
