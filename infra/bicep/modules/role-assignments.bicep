metadata description = 'Grants a principal roles on the storage account, the Key Vault and Application Insights, from one typed list.'

@export()
@description('A role to grant on one of the resources that this module knows.')
type roleAssignmentType = {
  @description('Required. Readable role name, used in the assignment name and description.')
  roleName: string

  @description('Required. ID (GUID) of the built-in role definition.')
  roleDefinitionId: string

  @description('Required. Resource the role is granted on.')
  target: 'storage' | 'keyVault' | 'applicationInsights'
}

@description('Required. Name of the user-assigned identity that receives the roles.')
param identityName string

@description('Optional. Type of the principal.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string = 'ServicePrincipal'

@description('Required. Roles to grant.')
param roleAssignments roleAssignmentType[]

@description('Required. Name of the storage account.')
param storageAccountName string

@description('Required. Name of the Key Vault.')
param keyVaultName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(roleAssignments, r => r.target == 'storage'): {
    name: guid(storageAccount.id, identity.id, role.roleDefinitionId)
    scope: storageAccount
    properties: {
      principalId: identity.properties.principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.roleDefinitionId)
      description: role.roleName
    }
  }
]

resource keyVaultRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(roleAssignments, r => r.target == 'keyVault'): {
    name: guid(keyVault.id, identity.id, role.roleDefinitionId)
    scope: keyVault
    properties: {
      principalId: identity.properties.principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.roleDefinitionId)
      description: role.roleName
    }
  }
]

resource applicationInsightsRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in filter(roleAssignments, r => r.target == 'applicationInsights'): {
    name: guid(applicationInsights.id, identity.id, role.roleDefinitionId)
    scope: applicationInsights
    properties: {
      principalId: identity.properties.principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.roleDefinitionId)
      description: role.roleName
    }
  }
]
