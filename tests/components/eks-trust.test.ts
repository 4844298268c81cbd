import { clusterRoleTrust, podIdentityTrust } from "../../components/eks/trust";

describe("trust policies of the roles EKS assumes", () => {
  test("the cluster role trusts EKS only for this account's cluster", () => {
    expect(JSON.parse(clusterRoleTrust("eu-west-1", "111122223333", "prod-euw1-eks"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "eks.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod-euw1-eks" },
          },
        },
      ],
    });
  });

  test("a Pod Identity role is for one service account of one cluster of this account", () => {
    const doc = JSON.parse(
      podIdentityTrust({
        accountId: "111122223333",
        clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-euw1-eks",
        namespace: "kube-system",
        serviceAccount: "karpenter",
      }),
    );
    expect(doc.Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    expect(doc.Statement[0].Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(doc.Statement[0].Condition).toEqual({
      StringEquals: {
        "aws:SourceAccount": "111122223333",
        "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod-euw1-eks",
        "aws:RequestTag/kubernetes-namespace": "kube-system",
        "aws:RequestTag/kubernetes-service-account": "karpenter",
      },
    });
  });
});
